package cd.chatrix.app.config;

/**
 * The whole effective configuration, immutable. Obtain it from {@link ConfigLoader}; a hot reload
 * produces a new instance rather than changing this one.
 */
public record ChatrixConfig(
    MatrixConfig matrix,
    SemaphoreConfig semaphore,
    BotConfig bot,
    PluginsConfig plugins,
    HttpConfig http,
    LogConfig log,
    StoreConfig store) {

  /** The newest {@code _config_version} this build understands (same numbering as the original). */
  public static final int CURRENT_VERSION = 5;

  /** Built-in defaults: the base layer under the environment and the file. */
  public static ChatrixConfig defaults() {
    return new ChatrixConfig(
        MatrixConfig.defaults(),
        SemaphoreConfig.defaults(),
        BotConfig.defaults(),
        PluginsConfig.defaults(),
        HttpConfig.defaults(),
        LogConfig.defaults(),
        StoreConfig.defaults());
  }

  public ChatrixConfig withMatrix(MatrixConfig value) {
    return new ChatrixConfig(value, semaphore, bot, plugins, http, log, store);
  }

  public ChatrixConfig withBot(BotConfig value) {
    return new ChatrixConfig(matrix, semaphore, value, plugins, http, log, store);
  }
}

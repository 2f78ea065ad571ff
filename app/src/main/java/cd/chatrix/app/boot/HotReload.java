package cd.chatrix.app.boot;

import cd.chatrix.app.config.AliasesFile;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigLoader;
import cd.chatrix.app.config.MessagesFile;
import cd.chatrix.app.config.WatchedFile;
import cd.chatrix.bot.Bot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Connects the three watched files to the running bot: a valid change to {@code config.json}
 * becomes new bot settings, {@code aliases.json} the alias table, {@code messages.json} the message
 * catalogue. A broken edit never reaches the bot (the watcher keeps the last good version).
 */
final class HotReload {
  private HotReload() {}

  /**
   * What the bot says, from both files: {@code bot.startup_message} and {@code shutdown_message} in
   * config.json are the greetings (an empty one turns that greeting off); a {@code startup} or
   * {@code shutdown} category in messages.json wins over them, as every category there does.
   */
  static Map<String, List<String>> catalogue(
      ChatrixConfig config, Map<String, List<String>> messagesFile) {
    var merged = new HashMap<String, List<String>>();
    merged.put("startup", List.of(config.bot().startupMessage()));
    merged.put("shutdown", List.of(config.bot().shutdownMessage()));
    messagesFile.forEach((category, lines) -> {
      if (lines != null && !lines.isEmpty()) {
        merged.put(category, lines);
      }
    });
    return merged;
  }

  static void start(
      BotServices.Context context, ChatrixConfig config, Consumer<ChatrixConfig> onConfig, Bot bot)
      throws StartException {
    Path configFile = context.options().configFile().toAbsolutePath();
    try {
      WatchedFile<ChatrixConfig> configs =
          new ConfigLoader(context.environment(), configFile.getParent())
              .watch(
                  configFile,
                  context.options().configOverrides(),
                  config,
                  WatchedFile.Options.DEFAULT);
      var greetingsFrom = new AtomicReference<>(config);
      var messagesFrom = new AtomicReference<Map<String, List<String>>>(Map.of());
      configs.subscribe(onConfig);
      configs.subscribe(next -> {
        greetingsFrom.set(next);
        bot.messages().replace(catalogue(next, messagesFrom.get()));
      });
      context.shutdown().register("config.json watcher", configs);

      if (config.plugins().aliases().enabled()) {
        WatchedFile<Map<String, String>> aliases =
            AliasesFile.watch(
                config.plugins().aliases().aliasesFile(), WatchedFile.Options.DEFAULT);
        aliases.subscribe(bot.aliases()::replaceAll);
        context.shutdown().register("aliases.json watcher", aliases);
      }

      // The original reads messages.json beside the config; so do we.
      WatchedFile<Map<String, List<String>>> messages =
          MessagesFile.watch(
              configFile.resolveSibling("messages.json"), WatchedFile.Options.DEFAULT);
      messagesFrom.set(messages.current());
      bot.messages().replace(catalogue(config, messages.current()));
      messages.subscribe(next -> {
        messagesFrom.set(next);
        bot.messages().replace(catalogue(greetingsFrom.get(), next));
      });
      context.shutdown().register("messages.json watcher", messages);
    } catch (IOException e) {
      throw new StartException("Could not watch the configuration files: " + e.getMessage(), e);
    }
  }
}

package cd.chatrix.bot.port;

/** The runner's identity, for {@code ping} and {@code info}. */
public record RunnerInfo(String version, String url) {}

package cd.chatrix.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bot's config.json for the bench, in the format users write (docs/configuration.md).
 *
 * <ul>
 *   <li>Access: one admin (the observer) and {@code policy.default_role: viewer}, so the 1,000
 *       people go through the role check as viewers, which is all the read commands need, and their
 *       invitations are accepted ({@code invite_policy: allowed_users}).
 *   <li>Rate limit: the per-user sliding window stays on (the check is part of every command's
 *       path) but at {@code max(30, commands per user)} per minute, so no one is ever throttled:
 *       the limit is per person and each person sends only its K commands.
 *   <li>The ops endpoint on a free loopback port, for {@code /metrics}.
 *   <li>No greetings, so every bot message in the rooms is an answer to a command.
 * </ul>
 */
record BotConfig(Path file, int httpPort) {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  static BotConfig write(Path workDir, LoadWorld world, int commandsPerUser) {
    int port = freePort();
    ObjectNode config = JSON.createObjectNode();
    config
        .putObject("matrix")
        .put("homeserver", world.homeserver.baseUri().toString())
        .put("user_id", world.botUserId)
        .put("password", world.botPassword)
        .put("store_path", workDir.resolve("store").toString());
    config
        .putObject("semaphore")
        .put("url", world.semaphore.baseUri().toString())
        .put("api_token", world.semaphore.adminToken());
    ObjectNode bot = config.putObject("bot");
    bot.putArray("admin_users").add(world.observer.userId());
    bot.putObject("policy").put("default_role", "viewer");
    bot.put("invite_policy", "allowed_users");
    bot.put("rate_limit_per_minute", Math.max(30, commandsPerUser));
    bot.put("greetings_enabled", false);
    bot.put("log_file", workDir.resolve("chatrixcd.log").toString());
    config.putObject("http").put("enabled", true).put("bind", "127.0.0.1").put("port", port);
    config
        .putObject("plugins")
        .putObject("aliases")
        .put("aliases_file", workDir.resolve("aliases.json").toString());
    Path file = workDir.resolve("config.json");
    try {
      Files.writeString(file, JSON.writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return new BotConfig(file, port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port for the ops endpoint", e);
    }
  }
}

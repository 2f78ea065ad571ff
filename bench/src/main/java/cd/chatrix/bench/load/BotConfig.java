package cd.chatrix.bench.load;

import cd.chatrix.testkit.bot.BotConfigFile;
import java.nio.file.Path;
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
  static BotConfig write(Path workDir, LoadWorld world, int commandsPerUser) {
    int port = BotConfigFile.freePort();
    BotConfigFile config =
        BotConfigFile.forBot(
                world.homeserver.baseUri(),
                world.botUserId,
                world.botPassword,
                world.semaphore,
                workDir)
            .admins(world.observer.userId())
            .noGreetings()
            .opsPort(port);
    ObjectNode bot = (ObjectNode) config.json().get("bot");
    bot.putObject("policy").put("default_role", "viewer");
    bot.put("invite_policy", "allowed_users");
    bot.put("rate_limit_per_minute", Math.max(30, commandsPerUser));
    config
        .json()
        .putObject("plugins")
        .putObject("aliases")
        .put("aliases_file", workDir.resolve("aliases.json").toString());
    return new BotConfig(config.writeTo("config.json"), port);
  }
}

/**
 * The bot's side of a test world: {@link cd.chatrix.testkit.bot.BotConfigFile} writes the
 * config.json a bot process starts from, pointed at the testkit homeserver and Semaphore simulator,
 * for the tests and benches that run the bot as its own process.
 */
package cd.chatrix.testkit.bot;

/**
 * The ports through which the bot reaches the world: chat (Matrix), the task runner (Semaphore) and
 * process lifecycle. The app adapts the real clients to these interfaces.
 */
package cd.chatrix.bot.port;

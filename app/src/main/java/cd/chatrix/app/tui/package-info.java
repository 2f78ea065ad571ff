/**
 * The operator's console (TUI mode): a Lanterna text UI that shows the running bot's state and lets
 * the operator act on it through two small interfaces ({@link cd.chatrix.app.tui.ConsoleModel},
 * {@link cd.chatrix.app.tui.ConsoleActions}) that {@code boot.console} implements over the live
 * bot.
 */
package cd.chatrix.app.tui;

/**
 * The operator's console (TUI mode): a Lanterna text UI that shows the running bot's state and lets
 * the operator act on it through two small interfaces ({@link cd.chatrix.app.tui.ConsoleModel},
 * {@link cd.chatrix.app.tui.ConsoleActions}) that {@code boot.console} implements over the live
 * bot. Every screen extends {@code ConsoleScreen} (shortcut, title, help keys, panel); the screens
 * that list items (rooms, admins, sessions, tasks, aliases, logs) extend {@code ListScreen}, which
 * owns the table, the summary line, the letter keys and the selected item.
 */
package cd.chatrix.app.tui;

/**
 * The operator's console (TUI mode): a Lanterna text UI that shows the running bot's state and lets
 * the operator act on it through two small interfaces the wiring implements. Each screen is a
 * {@link cd.chatrix.app.tui.ConsoleScreen}; the list screens share {@link
 * cd.chatrix.app.tui.ListScreen} and add only their columns, rows and letter keys.
 */
package cd.chatrix.app.tui;

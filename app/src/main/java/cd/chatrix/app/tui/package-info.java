/**
 * The operator's console (TUI mode): a Lanterna text UI that shows the running bot's state and lets
 * the operator act on it through two small interfaces the wiring implements.
 */
package cd.chatrix.app.tui;

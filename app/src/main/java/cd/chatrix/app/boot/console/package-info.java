/**
 * The console run mode: the operator console's model and actions over the running bot ({@link
 * cd.chatrix.app.boot.console.RunningBot}), the bridge between the screens of {@code tui} and the
 * live parts the composition root started.
 */
package cd.chatrix.app.boot.console;

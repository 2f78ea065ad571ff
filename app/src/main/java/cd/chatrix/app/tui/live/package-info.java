/** The operator console's view of the live bot: its model and actions over a running bot. */
package cd.chatrix.app.tui.live;

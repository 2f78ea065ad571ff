/**
 * How the process runs: choosing the run mode, the PID file of daemon mode, and a bounded, ordered
 * shutdown on SIGINT/SIGTERM.
 */
package cd.chatrix.app.run;

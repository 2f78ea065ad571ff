/**
 * How the process runs: choosing the run mode, the PID file of daemon mode and what the daemon
 * tells its launcher ({@code running}, or {@code standing by} for a replica that waits for the
 * lease), and a bounded, ordered shutdown on SIGINT/SIGTERM that ends with exit 0 (a second signal
 * cuts it short).
 */
package cd.chatrix.app.boot.run;

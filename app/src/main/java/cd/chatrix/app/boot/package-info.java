/**
 * How the process starts and stops, in the order it happens: {@link cd.chatrix.app.boot.Main}
 * parses the command line, {@link cd.chatrix.app.boot.Application} runs start-up as a chain of
 * gates (logging, configuration, secrets, store, leader lease, run mode), and {@link
 * cd.chatrix.app.boot.LiveServices#start} is the composition root that builds and connects every
 * part. Hot reload, the demo and the test door ({@link cd.chatrix.app.boot.SandboxBot}) sit beside
 * it; the sub-packages hold the parts that run on their own and never call back up here.
 */
package cd.chatrix.app.boot;

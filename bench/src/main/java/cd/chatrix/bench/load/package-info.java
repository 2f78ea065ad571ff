/**
 * The ChatOps load bench: the real bot, as its own process, answering read commands from 1,000
 * people in 50 rooms of the in-process test homeserver, started with the launcher's java, JVM
 * options and trained AOT cache ({@link cd.chatrix.bench.load.LauncherFlags}). {@link
 * cd.chatrix.bench.load.ChatOpsLoadBench} is the entry point; {@code bench/run-load.sh} runs it.
 */
package cd.chatrix.bench.load;

/**
 * The ChatOps load bench: the real bot, as its own process, answering read commands from 1,000
 * people in 50 rooms of the in-process test homeserver. {@link
 * cd.chatrix.bench.load.ChatOpsLoadBench} is the entry point; {@code bench/run-load.sh} runs it.
 */
package cd.chatrix.bench.load;

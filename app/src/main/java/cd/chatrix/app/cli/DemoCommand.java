package cd.chatrix.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatrixcd demo}: the bot against an in-process homeserver and Semaphore, no servers
 * needed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a sandbox: an in-process Matrix homeserver, a simulated Semaphore and the bot,",
      "wired together on this machine, so you can watch a run from chat without any server."
    })
public final class DemoCommand implements Callable<Integer> {
  @ParentCommand ChatrixCommand parent;

  @Option(
      names = "--exit-when-done",
      description = "Stop after the scripted conversation instead of waiting for Ctrl-C.")
  boolean exitWhenDone;

  /**
   * For the launcher's start-up cache training: the sandbox and the conversation here, the bot in
   * another process (so the cache holds the bot's classes only). Not for people, so not in --help.
   */
  @Option(names = "--for-another-process", hidden = true, paramLabel = "CONFIG_OUT")
  java.nio.file.Path forAnotherProcess;

  @Override
  public Integer call() {
    if (forAnotherProcess != null) {
      return parent.launcher().demoForAnotherProcess(parent.options(), forAnotherProcess);
    }
    return parent.launcher().demo(parent.options(), exitWhenDone);
  }
}

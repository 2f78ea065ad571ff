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

  @Override
  public Integer call() {
    return parent.launcher().demo(parent.options(), exitWhenDone);
  }
}

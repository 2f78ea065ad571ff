package cd.chatrix.app.boot;

import cd.chatrix.app.cli.ChatrixCommand;
import picocli.CommandLine;

/** The process entry point: parse the command line, run, exit with the code the run chose. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Application application = new Application(System.getenv(), System.out, System.err);
    int exitCode = new CommandLine(new ChatrixCommand(application)).execute(args);
    System.exit(exitCode);
  }
}

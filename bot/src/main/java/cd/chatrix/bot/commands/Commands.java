package cd.chatrix.bot.commands;

import cd.chatrix.bot.flow.CommandList;
import java.util.List;

/**
 * Every built-in command, in the order help lists them. A command is one entry here and one file in
 * this package holding its spec and its handler; see CONTRIBUTING.md, "Adding a command".
 */
public final class Commands {
  public static final CommandList ALL =
      new CommandList(
          List.of(
              Help.HELP,
              Catalog.PROJECTS,
              Catalog.TEMPLATES,
              Runs.RUN,
              Tasks.STATUS,
              Logs.LOGS,
              Logs.LOG,
              Tasks.STOP,
              Tasks.CONFIRM,
              Tasks.REJECT,
              Tasks.APPROVE,
              About.PING,
              About.INFO,
              About.ADMINS,
              Rooms.ROOMS,
              Aliases.ALIASES,
              Subscriptions.SUBSCRIBE,
              Subscriptions.UNSUBSCRIBE,
              Audit.AUDIT,
              Verifications.VERIFY,
              Sessions.SESSIONS,
              Shutdown.EXIT,
              Personality.PET,
              Personality.SCOLD));

  private Commands() {}
}

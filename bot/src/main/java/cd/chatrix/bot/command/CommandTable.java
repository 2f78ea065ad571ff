package cd.chatrix.bot.command;

import cd.chatrix.bot.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Every built-in command. Help, suggestions, alias reservations and dispatch all read this. */
public final class CommandTable {
  public static final List<CommandSpec> ALL =
      List.of(
          CommandSpec.of(
              "help",
              "[command]",
              Role.VIEWER,
              "what you can do here",
              "Lists the commands you may use in this room, or explains one command."),
          CommandSpec.of(
              "projects",
              "",
              Role.VIEWER,
              "list Semaphore projects",
              "Shows every project the bot can see, with its id."),
          CommandSpec.of(
              "templates",
              "[project]",
              Role.VIEWER,
              "list templates of a project",
              "Project by id or (part of its) name; with only one project it is picked for you."),
          CommandSpec.of(
                  "run",
                  "[project] [template] [tags…] [options]",
                  Role.OPERATOR,
                  "start a task (asks first)",
                  "Options: --tags=a,b --skip-tags=c --limit=h1,h2 --args='-e x=1' --branch=B "
                      + "--env KEY=VALUE (repeatable) --dry-run --diff --debug --message \"why\". "
                      + "Words after the template are tags. Options the template does not allow "
                      + "are refused before anything starts.")
              .options(
                  Set.of("tags", "skip-tags", "limit", "args", "branch", "env", "message"),
                  Set.of("dry-run", "diff", "debug")),
          CommandSpec.of(
              "status",
              "[task]",
              Role.VIEWER,
              "state of a task",
              "Without a task id, the last task of this room."),
          CommandSpec.of(
                  "logs",
                  "[task] [--tail N]",
                  Role.VIEWER,
                  "output of a task",
                  "Shows the end of the output; when it is too long for chat the whole log comes "
                      + "as a file.")
              .options(Set.of("tail"), Set.of()),
          CommandSpec.of(
              "log",
              "on|off",
              Role.OPERATOR,
              "stream run output into threads",
              "With log on, each run's output appears in its thread as it happens."),
          CommandSpec.of(
                  "stop",
                  "[task] [--force]",
                  Role.OPERATOR,
                  "stop a task (asks first)",
                  "Without a task id, the last task of this room.")
              .options(Set.of(), Set.of("force")),
          CommandSpec.of(
              "confirm",
              "[task]",
              Role.OPERATOR,
              "let a waiting task go on",
              "For tasks waiting for confirmation in Semaphore, e.g. after a Terraform plan."),
          CommandSpec.of(
              "reject",
              "[task]",
              Role.OPERATOR,
              "refuse a waiting task",
              "Refuses a task waiting for confirmation in Semaphore."),
          CommandSpec.of(
              "approve",
              "",
              Role.OPERATOR,
              "approve someone else's run",
              "Runs of some templates need a second person; this approves the oldest one here. "
                  + "A 👍 on the request works too."),
          CommandSpec.of("ping", "", Role.VIEWER, "is Semaphore reachable?", "Checks Semaphore."),
          CommandSpec.of(
              "info",
              "",
              Role.VIEWER,
              "bot and Semaphore details",
              "Versions, uptime, rooms and monitored tasks."),
          CommandSpec.of("admins", "", Role.VIEWER, "who administers the bot", "Lists admins."),
          CommandSpec.of(
              "rooms",
              "[join|leave ROOM]",
              Role.ADMIN,
              "rooms the bot is in",
              "Lists rooms and whether the bot may speak there; join or leave one."),
          CommandSpec.of(
                  "aliases",
                  "[add NAME COMMAND…|remove NAME]",
                  Role.VIEWER,
                  "command shortcuts",
                  "Lists shortcuts; admins add or remove them. Extra words after a shortcut are "
                      + "appended to its command.")
              .asFreeForm(),
          CommandSpec.of(
                  "subscribe",
                  "PROJECT [TEMPLATE] [--failures-only]",
                  Role.OPERATOR,
                  "announce tasks started anywhere",
                  "Posts tasks of a project (or one template) here even when started outside chat.")
              .options(Set.of(), Set.of("failures-only")),
          CommandSpec.of(
              "unsubscribe",
              "PROJECT [TEMPLATE]",
              Role.OPERATOR,
              "stop announcing tasks",
              "Removes a subscription of this room."),
          CommandSpec.of(
              "audit",
              "[N]",
              Role.ADMIN,
              "recent state changes",
              "The last N (default 10) runs, stops, confirmations and alias changes."),
          CommandSpec.of(
              "verify",
              "[start USER DEVICE|accept ID|confirm ID|cancel ID]",
              Role.ADMIN,
              "verify a device by emoji",
              "Alone, shows verifications in progress and their emojis. start asks a device to "
                  + "verify with me; accept takes up a request from another device. When the keys "
                  + "are exchanged I post 7 emojis here: confirm only after comparing them with "
                  + "the other device, cancel if they differ. IDs may be shortened to their first "
                  + "characters, or left out when only one verification is in progress."),
          CommandSpec.of(
              "sessions",
              "[info|list [USER]]",
              Role.ADMIN,
              "encryption keys and devices",
              "info (the default): my device, its fingerprint, cross-signing and who gets room "
                  + "keys. list: a user's devices and whether I trust them (without a user: mine "
                  + "and yours)."),
          CommandSpec.of(
              "exit",
              "",
              Role.ADMIN,
              "shut the bot down (asks first)",
              "Graceful shutdown after confirmation."),
          CommandSpec.of("pet", "", Role.VIEWER, "be nice", "Be nice to the bot.").hide(),
          CommandSpec.of("scold", "", Role.VIEWER, "be stern", "Tell the bot off.").hide());

  private CommandTable() {}

  public static Optional<CommandSpec> find(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(c -> c.name().equals(w) || c.synonyms().contains(w)).findFirst();
  }

  /** Every name and synonym: reserved, so no alias may shadow them. */
  public static List<String> reservedWords() {
    var out = new ArrayList<String>();
    for (CommandSpec c : ALL) {
      out.add(c.name());
      out.addAll(c.synonyms());
    }
    return out;
  }
}

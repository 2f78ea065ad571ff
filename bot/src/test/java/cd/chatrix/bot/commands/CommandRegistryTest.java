package cd.chatrix.bot.commands;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.bot.SenderTrust;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandList;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The command list is the one place a command is registered: every command declared in this package
 * is in it, every entry in it is dispatched to its own handler, and help shows each of them.
 */
class CommandRegistryTest {
  private final Harness h = new Harness();
  private final Map<String, CommandOutcome> handled = new ConcurrentHashMap<>();

  CommandRegistryTest() {
    h.bot =
        h.build(
            new BotObserver() {
              @Override
              public void commandHandled(
                  String command,
                  CommandOutcome outcome,
                  Duration processing,
                  Duration waitedOnPorts) {
                handled.put(command, outcome);
              }
            });
  }

  @Test
  void everyCommandDeclaredInThisPackageIsInTheList() throws IllegalAccessException {
    var declared = new ArrayList<String>();
    for (Command c : declaredCommands()) {
      declared.add(c.spec().name());
      assertThat(Commands.ALL.all())
          .as("%s is declared but missing from Commands.ALL", c.spec().name())
          .contains(c);
    }
    assertThat(declared).as("the scan found the declarations").hasSize(Commands.ALL.all().size());
  }

  @Test
  void everyCommandInTheListReachesItsOwnHandler() {
    for (CommandSpec spec : Commands.ALL.specs()) {
      handled.clear();
      h.say(ALICE, "!cd " + spec.name());
      assertThat(handled)
          .as("!cd %s was handled as itself", spec.name())
          .containsOnlyKeys(spec.name());
      assertThat(handled.get(spec.name()))
          .as("!cd %s neither failed nor went unrecognised", spec.name())
          .isIn(CommandOutcome.OK, CommandOutcome.USAGE);
    }
  }

  @Test
  void helpListsEveryVisibleCommandAndExplainsEveryCommand() {
    h.say(ALICE, "!cd help");
    String list = h.lastBody();
    for (CommandSpec spec : Commands.ALL.specs()) {
      String usage = "`" + spec.usage("!cd") + "`";
      if (spec.hidden()) {
        assertThat(list).doesNotContain(usage);
      } else {
        assertThat(list).contains("• " + usage + " — " + spec.summary() + "\n");
      }
      h.say(ALICE, "!cd help " + spec.name());
      assertThat(h.lastBody()).startsWith(usage).contains(spec.detail().replace("{prefix}", "!cd"));
    }
  }

  /**
   * Security-relevant and documented (docs/configuration.md, {@code trust_policy}): a device the
   * bot does not trust runs exactly these, and the bare ones only without arguments.
   */
  @Test
  void anUntrustedDeviceRunsOnlyTheCommandsThatChangeNothing() {
    var reads =
        List.of(
            "help",
            "projects",
            "templates",
            "status",
            "logs",
            "ping",
            "info",
            "admins",
            "sessions",
            "audit",
            "pet",
            "scold");
    var readsWhenBare = List.of("rooms", "aliases", "log", "verify");
    var phone = new SenderTrust.UnverifiedDevice("PHONE");
    for (CommandSpec spec : Commands.ALL.specs()) {
      boolean bareAllowed = reads.contains(spec.name()) || readsWhenBare.contains(spec.name());
      handled.clear();
      h.sayFrom(ALICE, phone, "!cd " + spec.name());
      assertThat(handled.get(spec.name()) == CommandOutcome.DENIED)
          .as("!cd %s from an unverified device is refused", spec.name())
          .isEqualTo(!bareAllowed);
      handled.clear();
      h.sayFrom(ALICE, phone, "!cd " + spec.name() + " 1");
      assertThat(handled.get(spec.name()) == CommandOutcome.DENIED)
          .as("!cd %s 1 from an unverified device is refused", spec.name())
          .isEqualTo(!reads.contains(spec.name()));
    }
  }

  @Test
  void aWordNamesOneCommandAndAnEntryNeedsAHandler() {
    assertThatThrownBy(() -> new CommandList(List.of(Help.HELP, Catalog.PROJECTS, Help.HELP)))
        .hasMessageContaining("\"help\"");
    var spec = Help.HELP.spec();
    assertThatThrownBy(() -> new Command(spec, null)).hasMessageContaining("help");
    assertThatThrownBy(() -> Command.of(spec, null)).hasMessageContaining("help");
  }

  /** The {@code static final Command} fields of the main classes of this package. */
  private static List<Command> declaredCommands() throws IllegalAccessException {
    var out = new ArrayList<Command>();
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(Commands.class.getPackageName());
    for (JavaClass c : classes) {
      for (Field f : c.reflect().getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == Command.class) {
          f.setAccessible(true);
          out.add((Command) f.get(null));
        }
      }
    }
    assertThat(out).as("commands found in %s", Commands.class.getPackageName()).isNotEmpty();
    return out;
  }
}

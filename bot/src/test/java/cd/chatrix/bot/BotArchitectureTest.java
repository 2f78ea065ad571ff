package cd.chatrix.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The bot module depends on the JDK and itself only; the app adapts everything else to its ports.
 */
class BotArchitectureTest {
  private static final JavaClasses BOT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("cd.chatrix.bot");

  @Test
  void dependsOnlyOnTheJdkAndItself() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("cd.chatrix.bot..", "java..")
        .check(BOT);
  }

  @Test
  void portsAndStoresDoNotReachIntoTheFlow() {
    classes()
        .that()
        .resideInAnyPackage("cd.chatrix.bot.port..", "cd.chatrix.bot.store..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("cd.chatrix.bot.port..", "cd.chatrix.bot.store..", "java..")
        .check(BOT);
  }

  @Test
  void subpackagesHaveNoCycles() {
    slices().matching("cd.chatrix.bot.(*)..").should().beFreeOfCycles().check(BOT);
  }

  /** The flow routes commands it is given; which commands exist is the command list's business. */
  @Test
  void theFlowDoesNotKnowTheCommands() {
    noClasses()
        .that()
        .resideInAnyPackage("cd.chatrix.bot.flow..", "cd.chatrix.bot.command..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("cd.chatrix.bot.commands..")
        .check(BOT);
  }
}

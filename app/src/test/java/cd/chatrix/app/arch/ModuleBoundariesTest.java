package cd.chatrix.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module directions of DESIGN §2: {@code app → bot → (ports)}, {@code app → matrix →
 * crypto}, {@code app → semaphore}, and vodozemac reachable from one adapter package only.
 */
class ModuleBoundariesTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cd.chatrix");
  }

  @Test
  void everyModuleIsImported() {
    // Guards the rules below against passing vacuously on an empty import.
    for (String module : new String[] {"bot", "matrix", "crypto", "semaphore", "testkit", "app"}) {
      assertThat(
              production.stream()
                  .anyMatch(c -> c.getPackageName().startsWith("cd.chatrix." + module)))
          .as("classes of module %s are on the test classpath", module)
          .isTrue();
    }
  }

  @Test
  void botDependsOnNothingButTheJdkAndItself() {
    classes()
        .that()
        .resideInAPackage("cd.chatrix.bot..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax..", "cd.chatrix.bot..")
        .because("the domain talks to Matrix and Semaphore only through the ports it owns")
        .check(production);
  }

  @Test
  void semaphoreKnowsNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("cd.chatrix.semaphore..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "cd.chatrix.matrix..", "cd.chatrix.crypto..", "cd.chatrix.bot..", "cd.chatrix.app..")
        .check(production);
  }

  @Test
  void matrixUsesCryptoButNotTheDomainOrTheApp() {
    noClasses()
        .that()
        .resideInAPackage("cd.chatrix.matrix..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("cd.chatrix.semaphore..", "cd.chatrix.bot..", "cd.chatrix.app..")
        .check(production);
  }

  @Test
  void cryptoIsAStandaloneStateMachine() {
    noClasses()
        .that()
        .resideInAPackage("cd.chatrix.crypto..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "cd.chatrix.matrix..",
            "cd.chatrix.semaphore..",
            "cd.chatrix.bot..",
            "cd.chatrix.app..",
            "java.net.http..")
        .because("the crypto machine is sans-I/O: requests out, responses in")
        .check(production);
  }

  @Test
  void onlyTheAdapterTouchesVodozemac() {
    noClasses()
        .that()
        .resideOutsideOfPackage("cd.chatrix.crypto.vodozemac..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("de.connect2x..")
        .check(production);
  }

  @Test
  void testkitFakesAreIndependentOfWhatTheyTest() {
    noClasses()
        .that()
        .resideInAPackage("cd.chatrix.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "cd.chatrix.matrix..",
            "cd.chatrix.semaphore..",
            "cd.chatrix.crypto..",
            "cd.chatrix.bot..",
            "cd.chatrix.app..")
        .because("a fake built from our own client code would agree with our bugs")
        .check(production);
  }

  @Test
  void onlyTheAppWiresModulesTogether() {
    noClasses()
        .that()
        .resideOutsideOfPackage("cd.chatrix.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("cd.chatrix.app..")
        .check(production);
  }
}

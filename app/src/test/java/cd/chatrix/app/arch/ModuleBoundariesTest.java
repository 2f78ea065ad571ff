package cd.chatrix.app.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.lang.reflect.AccessibleObject;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module directions of DESIGN §2: {@code app → bot → (ports)}, {@code app → matrix →
 * crypto}, {@code app → semaphore}, and vodozemac reachable from one adapter package only; inside
 * {@code app}, the layers of ARCHITECTURE.md, each of which uses only those below it.
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
    for (String module :
        new String[] {
          "bot", "matrix", "crypto", "semaphore", "tls", "testkit", "testclients", "app"
        }) {
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
  void tlsDependsOnTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("cd.chatrix.tls..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax..", "cd.chatrix.tls..")
        .because("both HTTP clients use it, and neither may bring the other along")
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
            "cd.chatrix.testclients..",
            "cd.chatrix.bot..",
            "cd.chatrix.app..")
        .because("a fake built from our own client code would agree with our bugs")
        .check(production);
  }

  @Test
  void testClientsAreDevicesNotTheBot() {
    noClasses()
        .that()
        .resideInAPackage("cd.chatrix.testclients..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "cd.chatrix.matrix..", "cd.chatrix.semaphore..", "cd.chatrix.bot..", "cd.chatrix.app..")
        .because("a test person's device is a client of its own: the crypto machine, not the bot")
        .check(production);
  }

  @Test
  void nothingShippedUsesTheTestClients() {
    noClasses()
        .that()
        .resideOutsideOfPackage("cd.chatrix.testclients..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("cd.chatrix.testclients..")
        .because("test people exist for tests and benches; the product never holds one")
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

  // --- inside the app: boot on top, then the front ends, ops, adapters, the foundations -------

  /** The app's layers, top down; a layer uses only layers below it (adapters also each other). */
  static ArchRule appLayers() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("boot")
        .definedBy("cd.chatrix.app.boot..")
        .layer("cli")
        .definedBy("cd.chatrix.app.cli..")
        .layer("tui")
        .definedBy("cd.chatrix.app.tui..")
        .layer("ops")
        .definedBy("cd.chatrix.app.ops..")
        .layer("adapters")
        .definedBy("cd.chatrix.app.adapter..")
        .layer("store")
        .definedBy("cd.chatrix.app.store..")
        .layer("config")
        .definedBy("cd.chatrix.app.config..")
        .layer("logging")
        .definedBy("cd.chatrix.app.logging..")
        .whereLayer("boot")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("cli")
        .mayOnlyAccessLayers("config")
        .whereLayer("tui")
        .mayNotAccessAnyLayer()
        .whereLayer("ops")
        .mayOnlyAccessLayers("config", "logging")
        .whereLayer("adapters")
        .mayOnlyAccessLayers("store", "config", "logging")
        .whereLayer("store")
        .mayOnlyAccessLayers("config", "logging")
        .whereLayer("config")
        .mayNotAccessAnyLayer()
        .whereLayer("logging")
        .mayNotAccessAnyLayer()
        .because(
            "an import that runs back up (an adapter calling the composition root, a screen"
                + " reaching into the wiring) ties the start-up path in knots");
  }

  @Test
  void noAppPackageImportsOneAboveIt() {
    appLayers().check(production);
  }

  @Test
  void everyAppClassLivesInALayer() {
    classes()
        .that()
        .resideInAPackage("cd.chatrix.app..")
        .and()
        .doNotHaveSimpleName("package-info")
        .should()
        .resideInAnyPackage(
            "cd.chatrix.app.boot..",
            "cd.chatrix.app.cli..",
            "cd.chatrix.app.tui..",
            "cd.chatrix.app.ops..",
            "cd.chatrix.app.adapter..",
            "cd.chatrix.app.store..",
            "cd.chatrix.app.config..",
            "cd.chatrix.app.logging..")
        .because("the folder names are the map of how the app starts: a new part goes into one")
        .check(production);
  }

  @Test
  void noAppPackageImportsItsParent() {
    classes()
        .that()
        .resideInAPackage("cd.chatrix.app..")
        .should(notDependOnAnEnclosingPackage())
        .because(
            "a parent package holds what assembles its children (boot holds the composition"
                + " root); a child gets a small interface instead of calling back up")
        .check(production);
  }

  @Test
  void appPackagesFormNoCycles() {
    slices().matching("cd.chatrix.app.(**)").should().beFreeOfCycles().check(production);
  }

  @Test
  void appTestsReachTheAppWithoutReflection() {
    JavaClasses tests =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("cd.chatrix.app");
    assertThat(tests.contain(ModuleBoundariesTest.class))
        .as("the app's tests are imported")
        .isTrue();
    noClasses()
        .should()
        .callMethodWhere(
            target(name("setAccessible")).and(target(owner(assignableTo(AccessibleObject.class)))))
        .because(
            "a test that needs a part of boot goes through SandboxBot, so a move or rename is"
                + " caught by the compiler, not at run time")
        .check(tests);
  }

  // --- the domain: handlers reach the world only through the ports ----------------------------

  /** The bot touches no network, file, process or environment itself. */
  static ArchRule botReachesTheWorldOnlyThroughPorts() {
    return noClasses()
        .that()
        .resideInAPackage("cd.chatrix.bot..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "java.net.http..",
                    "java.nio.file..",
                    "java.nio.channels..",
                    "java.sql..",
                    "javax.net..")
                .or(
                    belongToAnyOf(
                        File.class,
                        FileInputStream.class,
                        FileOutputStream.class,
                        FileReader.class,
                        FileWriter.class,
                        RandomAccessFile.class,
                        Socket.class,
                        ServerSocket.class,
                        DatagramSocket.class,
                        InetAddress.class,
                        URL.class,
                        URLConnection.class,
                        HttpURLConnection.class,
                        ProcessBuilder.class,
                        Process.class,
                        Runtime.class)))
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getProperty", String.class)
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .orShould()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because(
            "chat, Semaphore, storage and the process are reached through bot.port and"
                + " bot.store, so the domain is tested without a network");
  }

  @Test
  void botHandlersReachTheWorldOnlyThroughPorts() {
    botReachesTheWorldOnlyThroughPorts().check(production);
  }

  /** Outside bot.store, the bot knows its stores by their port interfaces only. */
  static ArchRule botUsesStorePortsNotImplementations() {
    return noClasses()
        .that()
        .resideInAPackage("cd.chatrix.bot..")
        .and()
        .resideOutsideOfPackage("cd.chatrix.bot.store..")
        .should()
        .dependOnClassesThat(
            simpleNameStartingWith("InMemory").and(resideInAnyPackage("cd.chatrix.bot..")))
        .because(
            "the app hands the bot SQL-backed stores; a handler that builds its own in-memory"
                + " one would forget everything on restart");
  }

  @Test
  void botHandlersUseStorePortsNotImplementations() {
    botUsesStorePortsNotImplementations().check(production);
  }

  private static ArchCondition<JavaClass> notDependOnAnEnclosingPackage() {
    return new ArchCondition<>("not depend on a class of an enclosing package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = item.getPackageName();
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          String targetPackage = target.getPackageName();
          boolean enclosing =
              targetPackage.startsWith("cd.chatrix.app")
                  && !targetPackage.equals(own)
                  && own.startsWith(targetPackage + ".");
          if (enclosing) {
            events.add(SimpleConditionEvent.violated(item, dependency.getDescription()));
          }
        }
      }
    };
  }
}

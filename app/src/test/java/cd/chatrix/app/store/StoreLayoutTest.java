package cd.chatrix.app.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the store's shape (see the package documentation): the engine knows no table, each part
 * knows only the engine, the list and the housekeeping sit on top, and nothing in the store reaches
 * up into the adapters or the start-up code.
 */
class StoreLayoutTest {
  private static final String[] PARTS = {"bot", "matrix", "crypto"};
  private static final JavaClasses production =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("cd.chatrix.app.store");

  @Test
  void everyStorePackageHasClassesToCheck() {
    assertThat(production.stream().map(c -> c.getPackageName()).distinct())
        .as("the rules below would pass vacuously on an empty import")
        .contains(
            "cd.chatrix.app.store",
            "cd.chatrix.app.store.sql",
            "cd.chatrix.app.store.bot",
            "cd.chatrix.app.store.matrix",
            "cd.chatrix.app.store.crypto");
  }

  @Test
  void theEngineKnowsNoPartAndNoOtherAppPackage() {
    classes()
        .that()
        .resideInAPackage("cd.chatrix.app.store.sql..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.sqlite..",
            "org.postgresql..",
            "org.slf4j..",
            "cd.chatrix.app.store.sql..")
        .because("the engine serves every part; a table belongs to the part that uses it")
        .check(production);
  }

  @Test
  void aPartKnowsTheEngineButNotTheOtherPartsOrTheListAboveIt() {
    for (String part : PARTS) {
      noClasses()
          .that()
          .resideInAPackage("cd.chatrix.app.store." + part + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others(part))
          .because("each part's tables and stores stand alone; Schema lists them from above")
          .check(production);
    }
  }

  @Test
  void theStoreReachesNoAppPackageAboveIt() {
    classes()
        .that()
        .resideInAPackage("cd.chatrix.app.store..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.sqlite..",
            "org.postgresql..",
            "org.slf4j..",
            "tools.jackson..",
            "cd.chatrix.app.store..",
            "cd.chatrix.app.config..",
            "cd.chatrix.app.logging..",
            "cd.chatrix.bot..",
            "cd.chatrix.matrix..",
            "cd.chatrix.crypto..")
        .because("adapters and start-up use the store, never the other way round")
        .check(production);
  }

  private static String[] others(String part) {
    List<String> packages = new ArrayList<>();
    packages.add("cd.chatrix.app.store");
    for (String other : PARTS) {
      if (!other.equals(part)) {
        packages.add("cd.chatrix.app.store." + other + "..");
      }
    }
    return packages.toArray(String[]::new);
  }
}

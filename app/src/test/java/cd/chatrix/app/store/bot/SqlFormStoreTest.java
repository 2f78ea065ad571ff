package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.store.PendingForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlFormStoreTest {
  private static final String SECRET = "form-secret-value-42";

  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect database;
  private SqlFixture db;

  @BeforeEach
  void open() {
    database = engine.fresh(dir);
    db = new SqlFixture(database);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static PendingForm form(String id, Instant created) {
    return form(id, created, Optional.empty());
  }

  private static PendingForm form(String id, Instant created, Optional<String> privateQuestion) {
    var request =
        TaskRequest.plain(9)
            .withEnvironment(Map.of("replicas", "3"))
            .withSecrets(SecretVars.of(Map.of("api_key", SECRET)));
    return new PendingForm(
        id,
        "!room:x",
        "@alice:x",
        "$command",
        "$root",
        1,
        "Infra",
        "Release",
        request,
        List.of(
            new SurveyVar(
                "replicas", "Replicas", "How many", "int", true, Optional.empty(), List.of()),
            new SurveyVar(
                "stage",
                "Stage",
                "",
                "enum",
                false,
                Optional.of("prod"),
                List.of(new SurveyVar.Choice("Production", "prod"))),
            new SurveyVar("api_key", true, "secret", List.of())),
        Set.of("stage"),
        Optional.of("api_key"),
        Optional.of("c-1"),
        privateQuestion,
        true,
        created,
        created.plusSeconds(300));
  }

  @Test
  void formsRoundTripAndAreRemovedOnce() {
    var store = new SqlFormStore(db.store());
    var older = form("f-1", Instant.parse("2026-01-01T10:00:00.123456Z"), Optional.of("$question"));
    var newer = form("f-2", Instant.parse("2026-01-01T10:01:00Z"));
    store.save(newer);
    store.save(older);

    assertThat(store.all()).containsExactly(older, newer);
    assertThat(store.remove("f-1")).isTrue();
    assertThat(store.remove("f-1")).isFalse();
    assertThat(store.all()).containsExactly(newer);
  }

  @Test
  void aSecretAnswerStaysInMemoryAndIsForgottenByARestart() throws Exception {
    var store = new SqlFormStore(db.store());
    var saved = form("f-s", Instant.parse("2026-01-01T10:00:00Z"));
    store.save(saved);
    assertThat(store.all().getFirst().request().secrets().values())
        .containsEntry("api_key", SECRET);

    var reopened = new SqlFormStore(db.restart()).all().getFirst();

    assertThat(reopened.request().secrets().values()).isEmpty();
    assertThat(reopened.request().secrets().forgotten()).containsExactly("api_key");
    assertThat(reopened.request().environment()).isEqualTo(Map.of("replicas", "3"));
    assertThat(reopened.vars()).isEqualTo(saved.vars());
    assertThat(reopened.skipped()).containsExactly("stage");
    assertThat(new KeyValueStore(db.store()).entries(SqlFormStore.NAMESPACE).values())
        .isNotEmpty()
        .noneMatch(row -> row.contains(SECRET));
    db.close();
    if (engine == Engine.SQLITE) {
      // Nor in a page the engine has not reused yet: the database, its WAL and journal files.
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(files.filter(Files::isRegularFile).toList())
            .isNotEmpty()
            .noneMatch(f -> holds(f, SECRET));
      }
    }
    db = new SqlFixture(database);
  }

  private static boolean holds(Path file, String needle) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}

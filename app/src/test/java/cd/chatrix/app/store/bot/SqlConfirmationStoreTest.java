package cd.chatrix.app.store.bot;

import static cd.chatrix.app.store.bot.Samples.confirmation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Engine;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.store.ClaimedStart;
import cd.chatrix.bot.store.ConfirmationStore;
import cd.chatrix.bot.store.PendingAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlConfirmationStoreTest extends ConfirmationStoreContract {
  @TempDir Path dir;
  @Parameter Engine engine;
  private SqlFixture db;
  private SqlConfirmationStore store;

  @BeforeEach
  void open() {
    db = new SqlFixture(engine.fresh(dir));
    store = new SqlConfirmationStore(db.store());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  ConfirmationStore store() {
    return store;
  }

  @Test
  void pendingConfirmationsSurviveARestart() {
    var full = Samples.withEverything("c-full");
    var exit = confirmation("c-exit", new PendingAction.Exit(), 30);
    store.save(full);
    store.save(exit);

    var reopened = new SqlConfirmationStore(db.restart());

    assertThat(reopened.all()).containsExactly(full, exit);
    assertThat(reopened.remove("c-full")).isTrue();
    assertThat(new SqlConfirmationStore(db.restart()).all()).containsExactly(exit);
  }

  @Test
  void aClaimedStartSurvivesARestartWithItsApproverAndTime() {
    var full = Samples.withEverything("c-full");
    store.save(full);
    Instant at = Instant.parse("2026-03-01T10:00:00.123Z");
    assertThat(store.claimStart("c-full", Optional.of("@bob:example.org"), at)).isTrue();

    var reopened = new SqlConfirmationStore(db.restart());

    assertThat(reopened.claimedStarts())
        .containsExactly(new ClaimedStart(full, Optional.of("@bob:example.org"), at));
    assertThat(reopened.all()).isEmpty();
    reopened.settleStart("c-full");
    assertThat(new SqlConfirmationStore(db.restart()).claimedStarts()).isEmpty();
  }

  @Test
  void secretValuesStayInMemoryAndAreForgottenByARestartWhileTheirNamesRemain() throws Exception {
    String secret = "s3cr3t-value-123";
    var full = Samples.withEverything("c-secret");
    var run = (PendingAction.Run) full.action();
    var withSecret =
        full.withAction(
            new PendingAction.Run(
                run.projectId(),
                run.projectName(),
                run.templateName(),
                run.request().withSecrets(SecretVars.of(Map.of("api_key", secret)))));
    store.save(withSecret);

    assertThat(store.all()).containsExactly(withSecret);
    var reopened = new SqlConfirmationStore(db.restart()).all();
    var kept = ((PendingAction.Run) reopened.getFirst().action()).request().secrets();
    assertThat(kept.values()).isEmpty();
    assertThat(kept.forgotten()).containsExactly("api_key");
    db.close();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(secret);
      }
    }
    db = new SqlFixture(engine.fresh(dir));
  }

  @Test
  void fillsTheColumnsAnExpirySweepOrAdminToolReads() {
    var c = confirmation("c1", new PendingAction.Exit(), 0);
    store.save(c);

    assertThat(expiredBy(c.expiresAt().minusSeconds(1))).isEmpty();
    assertThat(expiredBy(c.expiresAt().plusSeconds(1)))
        .containsExactly(List.of("c1", c.roomId(), c.requester()));
  }

  private List<List<String>> expiredBy(Instant now) {
    return db.store()
        .inTransaction(tx ->
            tx.query(
                "SELECT confirmation_id, room_id, requester FROM pending_confirmations"
                    + " WHERE expires_at <= ?",
                row -> List.of(row.getString(1), row.getString(2), row.getString(3)),
                now.toEpochMilli()));
  }

  @Test
  void anUnreadablePayloadIsReportedWithWhatToDo() {
    db.store()
        .doInTransaction(tx ->
            tx.update(
                "INSERT INTO pending_confirmations (confirmation_id, room_id, requester, payload,"
                    + " created_at, expires_at) VALUES (?, ?, ?, ?, 0, 0)",
                "bad",
                "!r:x",
                "@u:x",
                "{\"format\":1,\"action\":{\"type\":\"launch\"}}"));

    assertThatThrownBy(store::all)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("send the command again");
  }
}

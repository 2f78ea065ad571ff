package cd.chatrix.app.store.bot;

import cd.chatrix.app.logging.SecretRegistry;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.store.ClaimedStart;
import cd.chatrix.bot.store.ConfirmationStore;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ConfirmationStore} on the app's {@code pending_confirmations} table: id, room, requester
 * and times in columns (so expiry sweeps and admin tools can read them), the rest in the JSON
 * payload. Values of secret survey variables never reach the table: they stay in this process's
 * memory, keyed by confirmation, so after a restart a pending run knows the secrets' names only and
 * the requester is asked to start it again. A claimed start is the same row with {@code claimed_at}
 * set: it leaves the questions and stays until the start is settled.
 */
public final class SqlConfirmationStore implements ConfirmationStore {
  private static final String COLUMNS = "confirmation_id, room_id, requester, payload";
  private static final String OPEN = " WHERE claimed_at IS NULL";

  private final Store store;
  private final String upsert;
  private final Map<String, Map<String, String>> secretValues = new ConcurrentHashMap<>();

  public SqlConfirmationStore(Store store) {
    this.store = store;
    this.upsert =
        store
            .dialect()
            .upsert(
                "pending_confirmations",
                List.of("confirmation_id"),
                List.of("room_id", "requester", "payload", "created_at", "expires_at"));
  }

  /** Stores or replaces the confirmation with the same id. */
  @Override
  public void save(PendingConfirmation c) {
    secretsOf(c)
        .filter(sv -> !sv.values().isEmpty())
        .ifPresent(sv -> {
          sv.values().values().forEach(SecretRegistry::register);
          secretValues.put(c.id(), sv.values());
        });
    String payload = ConfirmationCodec.encode(c);
    store.doInTransaction(tx ->
        tx.update(
            upsert,
            c.id(),
            c.roomId(),
            c.requester(),
            payload,
            c.createdAt().toEpochMilli(),
            c.expiresAt().toEpochMilli()));
  }

  /**
   * The DELETE's row count decides: SQLite deletes a row once, so of any number of racing callers
   * (threads or processes) exactly one sees a count of 1. Durable: the caller starts the task next,
   * and a removal lost to a power cut would let the replayed reaction start it again. A claimed
   * start is not a question any more: it is not removed here, so an expiry sweep racing the yes
   * cannot take it away from the start.
   */
  @Override
  public boolean remove(String id) {
    boolean removed =
        store.inDurableTransaction(tx ->
            tx.update(
                "DELETE FROM pending_confirmations"
                    + " WHERE confirmation_id = ? AND claimed_at IS NULL",
                id))
            > 0;
    if (removed) {
      secretValues.remove(id);
    }
    return removed;
  }

  /**
   * Like {@link #remove}, the UPDATE's row count decides, and the claim is durable: the task starts
   * next. The secret values stay in memory for the start this process makes.
   */
  @Override
  public boolean claimStart(String id, Optional<String> approver, Instant at) {
    return store.inDurableTransaction(tx ->
        tx.update(
            "UPDATE pending_confirmations SET claimed_at = ?, approver = ?"
                + " WHERE confirmation_id = ? AND claimed_at IS NULL",
            at.toEpochMilli(),
            approver.orElse(null),
            id))
        > 0;
  }

  @Override
  public void settleStart(String id) {
    secretValues.remove(id);
    store.doInTransaction(tx ->
        tx.update(
            "DELETE FROM pending_confirmations"
                + " WHERE confirmation_id = ? AND claimed_at IS NOT NULL",
            id));
  }

  @Override
  public List<ClaimedStart> claimedStarts() {
    return store
        .<List<ClaimedStart>>inTransaction(tx ->
            tx.query(
                "SELECT "
                    + COLUMNS
                    + ", claimed_at, approver FROM pending_confirmations"
                    + " WHERE claimed_at IS NOT NULL ORDER BY claimed_at, confirmation_id",
                row ->
                    new ClaimedStart(
                        read(row),
                        Optional.ofNullable(row.getString("approver")),
                        Instant.ofEpochMilli(row.getLong("claimed_at")))))
        .stream()
        .map(c -> new ClaimedStart(withKeptSecrets(c.confirmation()), c.approver(), c.claimedAt()))
        .toList();
  }

  @Override
  public Optional<PendingConfirmation> byPrompt(String roomId, String promptEventId) {
    return select(OPEN + " AND room_id = ? ORDER BY created_at, confirmation_id", roomId).stream()
        .filter(c -> c.promptEventId().equals(promptEventId))
        .findFirst();
  }

  /**
   * Oldest first, like the in-memory store: the columns keep milliseconds, so the payload's full
   * times break ties.
   */
  @Override
  public List<PendingConfirmation> all() {
    return select(OPEN + " ORDER BY created_at, confirmation_id").stream()
        .sorted(Comparator.comparing(PendingConfirmation::createdAt))
        .toList();
  }

  private List<PendingConfirmation> select(String clauses, Object... args) {
    return store
        .<List<PendingConfirmation>>inTransaction(tx ->
            tx.query(
                "SELECT " + COLUMNS + " FROM pending_confirmations" + clauses,
                SqlConfirmationStore::read,
                args))
        .stream()
        .map(this::withKeptSecrets)
        .toList();
  }

  private static Optional<SecretVars> secretsOf(PendingConfirmation c) {
    return c.action() instanceof PendingAction.Run run
        ? Optional.of(run.request().secrets())
        : Optional.empty();
  }

  /** Puts back the secret values this process still holds; the others stay forgotten. */
  private PendingConfirmation withKeptSecrets(PendingConfirmation c) {
    if (!(c.action() instanceof PendingAction.Run run) || run.request().secrets().isEmpty()) {
      return c;
    }
    Map<String, String> kept = secretValues.getOrDefault(c.id(), Map.of());
    Map<String, String> values = new HashMap<>();
    Set<String> forgotten = new TreeSet<>();
    for (String name : run.request().secrets().names()) {
      if (kept.containsKey(name)) {
        values.put(name, kept.get(name));
      } else {
        forgotten.add(name);
      }
    }
    var request = run.request().withSecrets(new SecretVars(values, forgotten));
    return c.withAction(
        new PendingAction.Run(run.projectId(), run.projectName(), run.templateName(), request));
  }

  private static PendingConfirmation read(ResultSet row) throws SQLException {
    return ConfirmationCodec.decode(
        row.getString("confirmation_id"),
        row.getString("room_id"),
        row.getString("requester"),
        row.getString("payload"));
  }
}

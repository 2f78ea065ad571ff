package cd.chatrix.app.store.bot;

import cd.chatrix.app.logging.SecretRegistry;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.store.FormStore;
import cd.chatrix.bot.store.PendingForm;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FormStore} in the key/value table, one entry per half-filled run under {@value
 * #NAMESPACE}: no table of its own, as a form lives minutes. Secret answers never reach the
 * database: this process keeps them in memory, so after a restart a form knows their names only and
 * the bot asks for them again.
 */
public final class SqlFormStore implements FormStore {
  static final String NAMESPACE = "bot.forms";
  private static final Logger LOG = LoggerFactory.getLogger(SqlFormStore.class);

  private final KeyValueStore kv;
  private final Map<String, Map<String, String>> secretValues = new ConcurrentHashMap<>();

  public SqlFormStore(Store store) {
    this.kv = new KeyValueStore(store);
  }

  @Override
  public void save(PendingForm form) {
    var secrets = form.request().secrets().values();
    secrets.values().forEach(SecretRegistry::register);
    if (secrets.isEmpty()) {
      secretValues.remove(form.id());
    } else {
      secretValues.put(form.id(), Map.copyOf(secrets));
    }
    kv.put(NAMESPACE, form.id(), FormCodec.encode(form));
  }

  @Override
  public boolean remove(String id) {
    secretValues.remove(id);
    return kv.delete(NAMESPACE, id);
  }

  @Override
  public List<PendingForm> all() {
    return kv.entries(NAMESPACE).entrySet().stream()
        .map(e -> read(e.getKey(), e.getValue()))
        .flatMap(Optional::stream)
        .map(this::withKeptSecrets)
        .sorted(Comparator.comparing(PendingForm::createdAt))
        .toList();
  }

  private Optional<PendingForm> read(String id, String text) {
    Optional<PendingForm> form = FormCodec.decode(text);
    if (form.isEmpty()) {
      // Written by an incompatible build: the requester starts again, as after an expiry.
      LOG.warn("Dropping the half-filled run {}: its stored form cannot be read", id);
      kv.delete(NAMESPACE, id);
    }
    return form;
  }

  /** Puts back the secret values this process still holds; the others stay forgotten. */
  private PendingForm withKeptSecrets(PendingForm f) {
    SecretVars stored = f.request().secrets();
    if (stored.isEmpty()) {
      return f;
    }
    Map<String, String> kept = secretValues.getOrDefault(f.id(), Map.of());
    Map<String, String> values = new HashMap<>();
    Set<String> forgotten = new TreeSet<>();
    for (String name : stored.names()) {
      if (kept.containsKey(name)) {
        values.put(name, kept.get(name));
      } else {
        forgotten.add(name);
      }
    }
    return f.with(
        f.request().withSecrets(new SecretVars(values, forgotten)),
        f.skipped(),
        f.asking(),
        f.confirmationId(),
        f.expiresAt());
  }
}

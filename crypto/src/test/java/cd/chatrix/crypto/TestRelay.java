package cd.chatrix.crypto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays the homeserver's part for keys and to-device messages between machines in one test: stores
 * uploaded keys, answers queries and claims, queues to-device events until the recipient syncs.
 */
final class TestRelay {
  private final Map<String, OlmMachine> machines = new LinkedHashMap<>();
  private final Map<String, Map<String, JsonNode>> deviceKeys = new HashMap<>();
  private final Map<String, Map<String, JsonNode>> oneTimeKeys = new HashMap<>();
  private final Map<String, Map<String, JsonNode>> fallbackKeys = new HashMap<>();
  private final Map<String, List<JsonNode>> inbox = new HashMap<>();
  private final Map<String, Set<String>> changed = new HashMap<>();
  private final Map<String, ObjectNode> crossSigning = new HashMap<>();
  private final Set<String> transactions = new HashSet<>();
  final Map<String, Map<String, Set<String>>> uploadedOneTimeKeys = new HashMap<>();
  final List<OutgoingRequest> log = new ArrayList<>();
  final List<JsonNode> backupVersions = new ArrayList<>();

  /** Counts of to-device sends to lose, by {@code user|eventType}. */
  private final Map<String, Integer> toLose = new HashMap<>();

  final Map<String, JsonNode> backup = new LinkedHashMap<>();

  /** Adds a device, or puts a restarted machine in the place of the one it replaces. */
  OlmMachine add(OlmMachine m) {
    machines.put(ref(m.userId(), m.deviceId()), m);
    changed.putIfAbsent(ref(m.userId(), m.deviceId()), new HashSet<>());
    return m;
  }

  private static String ref(String user, String device) {
    return user + "|" + device;
  }

  /** Sends every pending request of every machine and delivers to-device events, until quiet. */
  void settle() {
    for (int round = 0; round < 20; round++) {
      boolean any = false;
      for (OlmMachine m : machines.values()) {
        for (OutgoingRequest r : m.outgoingRequests()) {
          any = true;
          log.add(r);
          m.markRequestAsSent(r.id(), handle(m, r));
        }
      }
      for (OlmMachine m : machines.values()) {
        any |= sync(m);
      }
      if (!any) {
        return;
      }
    }
    throw new AssertionError("The machines never settled: requests keep coming");
  }

  /**
   * The next to-device send of {@code eventType} to {@code user} is acknowledged but never
   * delivered, as when a server drops a to-device message it already accepted (element-hq/synapse
   * issue 17117).
   */
  void loseNext(String user, String eventType) {
    toLose.merge(user + "|" + eventType, 1, Integer::sum);
  }

  /** Flushes one machine's requests without syncing anyone. */
  void flush(OlmMachine m) {
    for (OutgoingRequest r : m.outgoingRequests()) {
      log.add(r);
      m.markRequestAsSent(r.id(), handle(m, r));
    }
  }

  /**
   * Delivers queued to-device events and device-list changes to one machine. As on a homeserver,
   * they count as received only once the machine is done with them (the next sync's {@code since}):
   * a machine that dies while handling them gets them again.
   */
  boolean sync(OlmMachine m) {
    String me = ref(m.userId(), m.deviceId());
    List<JsonNode> events = List.copyOf(inbox.getOrDefault(me, List.of()));
    List<String> changes = new ArrayList<>(changed.get(me));
    int otks = oneTimeKeys.getOrDefault(me, Map.of()).size();
    boolean hasFallback = !fallbackKeys.getOrDefault(me, Map.of()).isEmpty();
    m.receiveSyncChanges(
        events,
        new DeviceListChanges(changes, List.of()),
        Map.of("signed_curve25519", otks),
        Optional.of(hasFallback ? List.of("signed_curve25519") : List.of()));
    inbox.getOrDefault(me, new ArrayList<>()).subList(0, events.size()).clear();
    changed.get(me).removeAll(changes);
    return !events.isEmpty() || !changes.isEmpty();
  }

  /** How many one-time keys the server holds for a device. */
  int oneTimeKeyCount(OlmMachine m) {
    return oneTimeKeys.getOrDefault(ref(m.userId(), m.deviceId()), Map.of()).size();
  }

  int toDeviceQueued(OlmMachine m) {
    return inbox.getOrDefault(ref(m.userId(), m.deviceId()), List.of()).size();
  }

  List<JsonNode> peekInbox(OlmMachine m) {
    return List.copyOf(inbox.getOrDefault(ref(m.userId(), m.deviceId()), List.of()));
  }

  ObjectNode deviceKeysOf(String user, String device) {
    return (ObjectNode) deviceKeys.get(user).get(device);
  }

  void replaceDeviceKeys(String user, String device, ObjectNode keys) {
    deviceKeys.get(user).put(device, keys);
    machines.keySet().forEach(k -> changed.get(k).add(user));
  }

  JsonNode handle(OlmMachine from, OutgoingRequest r) {
    String me = ref(from.userId(), from.deviceId());
    return switch (r) {
      case OutgoingRequest.KeysUpload u -> upload(from, me, u.body());
      case OutgoingRequest.KeysQuery q -> query(q.body());
      case OutgoingRequest.KeysClaim c -> claim(c.body());
      case OutgoingRequest.ToDevice t -> toDevice(from, t);
      case OutgoingRequest.SignatureUpload s -> signatures(s.body());
      case OutgoingRequest.BackupVersionCreate b -> {
        backupVersions.add(b.body());
        yield CanonicalJson.object().put("version", String.valueOf(backupVersions.size()));
      }
      case OutgoingRequest.BackupKeysUpload b -> {
        b.body()
            .path("rooms")
            .properties()
            .forEach(room ->
                room.getValue()
                    .path("sessions")
                    .properties()
                    .forEach(
                        sess -> backup.put(room.getKey() + "|" + sess.getKey(), sess.getValue())));
        yield CanonicalJson.object().put("count", backup.size());
      }
      case OutgoingRequest.SigningKeysUpload s -> {
        crossSigning.put(from.userId(), (ObjectNode) s.body().deepCopy());
        machines.keySet().forEach(k -> changed.get(k).add(from.userId()));
        yield CanonicalJson.object();
      }
    };
  }

  private JsonNode upload(OlmMachine from, String me, JsonNode body) {
    if (body.has("device_keys")) {
      deviceKeys
          .computeIfAbsent(from.userId(), u -> new LinkedHashMap<>())
          .put(from.deviceId(), body.get("device_keys").deepCopy());
      machines.keySet().forEach(k -> changed.get(k).add(from.userId()));
    }
    Map<String, JsonNode> otks = oneTimeKeys.computeIfAbsent(me, k -> new LinkedHashMap<>());
    Map<String, Set<String>> history =
        uploadedOneTimeKeys.computeIfAbsent(me, k -> new HashMap<>());
    body.path("one_time_keys")
        .properties()
        .forEach(e -> {
          // Like Synapse: a key id it holds keeps its first key (a retry); one it does not hold
          // (new, or claimed since) is stored. The history shows ids uploaded with two keys.
          otks.putIfAbsent(e.getKey(), e.getValue());
          history
              .computeIfAbsent(e.getKey(), k -> new HashSet<>())
              .add(e.getValue().path("key").asString(""));
        });
    Map<String, JsonNode> fallbacks = fallbackKeys.computeIfAbsent(me, k -> new LinkedHashMap<>());
    if (body.path("fallback_keys").size() > 0) {
      fallbacks.clear();
      body.path("fallback_keys").properties().forEach(e -> fallbacks.put(e.getKey(), e.getValue()));
    }
    ObjectNode resp = CanonicalJson.object();
    resp.putObject("one_time_key_counts").put("signed_curve25519", otks.size());
    return resp;
  }

  private JsonNode query(JsonNode body) {
    ObjectNode resp = CanonicalJson.object();
    ObjectNode keys = resp.putObject("device_keys");
    for (String user : body.path("device_keys").propertyNames()) {
      ObjectNode devices = keys.putObject(user);
      deviceKeys.getOrDefault(user, Map.of()).forEach(devices::set);
      ObjectNode xs = crossSigning.get(user);
      if (xs != null) {
        for (String kind : List.of("master_key", "self_signing_key", "user_signing_key")) {
          if (xs.has(kind)) {
            String section = kind.replace("_key", "_keys");
            ObjectNode target =
                resp.has(section) ? (ObjectNode) resp.get(section) : resp.putObject(section);
            target.set(user, xs.get(kind));
          }
        }
      }
    }
    resp.putObject("failures");
    return resp;
  }

  private JsonNode claim(JsonNode body) {
    ObjectNode resp = CanonicalJson.object();
    ObjectNode out = resp.putObject("one_time_keys");
    JsonNode users = body.path("one_time_keys");
    for (String user : users.propertyNames()) {
      for (String device : users.get(user).propertyNames()) {
        String ref = ref(user, device);
        Map<String, JsonNode> otks = oneTimeKeys.getOrDefault(ref, new LinkedHashMap<>());
        Map.Entry<String, JsonNode> picked = null;
        if (!otks.isEmpty()) {
          String id = otks.keySet().iterator().next();
          picked = Map.entry(id, otks.remove(id));
        } else if (!fallbackKeys.getOrDefault(ref, Map.of()).isEmpty()) {
          picked = fallbackKeys.get(ref).entrySet().iterator().next();
        }
        if (picked != null) {
          ObjectNode perUser = out.has(user) ? (ObjectNode) out.get(user) : out.putObject(user);
          perUser.putObject(device).set(picked.getKey(), picked.getValue());
        }
      }
    }
    resp.putObject("failures");
    return resp;
  }

  private JsonNode toDevice(OlmMachine from, OutgoingRequest.ToDevice t) {
    if (!transactions.add(ref(from.userId(), from.deviceId()) + "|" + t.txnId())) {
      // A retry of a send the server already took (the spec's transaction ids).
      return CanonicalJson.object();
    }
    JsonNode messages = t.body().path("messages");
    for (String user : messages.propertyNames()) {
      if (toLose.merge(user + "|" + t.eventType(), -1, Integer::sum) >= 0) {
        continue;
      }
      toLose.remove(user + "|" + t.eventType());
      for (String device : messages.get(user).propertyNames()) {
        List<String> targets = new ArrayList<>();
        if (device.equals("*")) {
          machines.values().stream()
              .filter(m -> m.userId().equals(user))
              .forEach(m -> targets.add(ref(user, m.deviceId())));
        } else {
          targets.add(ref(user, device));
        }
        for (String target : targets) {
          ObjectNode event = CanonicalJson.object();
          event.put("type", t.eventType());
          event.put("sender", from.userId());
          event.set("content", messages.get(user).get(device));
          inbox.computeIfAbsent(target, k -> new ArrayList<>()).add(event);
        }
      }
    }
    return CanonicalJson.object();
  }

  private JsonNode signatures(JsonNode body) {
    for (String user : body.propertyNames()) {
      for (String keyId : body.get(user).propertyNames()) {
        JsonNode signed = body.get(user).get(keyId);
        JsonNode target = deviceKeys.getOrDefault(user, Map.of()).get(keyId);
        if (target == null) {
          ObjectNode xs = crossSigning.get(user);
          if (xs != null && xs.path("master_key").path("keys").toString().contains(keyId)) {
            target = xs.get("master_key");
          }
        }
        if (target instanceof ObjectNode t) {
          signed
              .path("signatures")
              .properties()
              .forEach(e ->
                  e.getValue()
                      .properties()
                      .forEach(s ->
                          CanonicalJson.addSignature(
                              t, e.getKey(), s.getKey(), s.getValue().asString())));
        }
      }
      machines.keySet().forEach(k -> changed.get(k).add(user));
    }
    ObjectNode resp = CanonicalJson.object();
    resp.putObject("failures");
    return resp;
  }
}

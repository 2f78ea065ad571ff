package cd.chatrix.testclients;

import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.crypto.DeviceListChanges;
import cd.chatrix.crypto.EncryptionResult;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.crypto.RoomEncryptionSettings;
import cd.chatrix.crypto.TrustPolicy;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import cd.chatrix.testkit.matrix.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person on the test homeserver with a small crypto machine of its own: it syncs by hand, so a
 * test decides when its requests go out (and can hold some back).
 */
public final class CryptoPerson implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestUser user;
  private final OlmMachine machine;
  private final Map<String, List<JsonNode>> timeline = new HashMap<>();

  public CryptoPerson(TestUser user) {
    this.user = user;
    this.machine =
        new OlmMachine(
            user.userId(),
            user.deviceId(),
            new VodozemacEngine(),
            new InMemoryCryptoStore(),
            PickleKey.random());
    flush();
  }

  /** The account on the test homeserver, for plain requests. */
  public TestUser user() {
    return user;
  }

  /** The device's crypto machine, for tests that drive it by hand (verification, key requests). */
  public OlmMachine machine() {
    return machine;
  }

  public String userId() {
    return user.userId();
  }

  /** One /sync fed to the machine; timeline events are remembered per room. */
  public void sync(Duration timeout) {
    JsonNode r = user.syncOnce(timeout);
    List<JsonNode> toDevice = new ArrayList<>();
    r.path("to_device").path("events").forEach(toDevice::add);
    Map<String, Integer> counts = new HashMap<>();
    r.path("device_one_time_keys_count")
        .properties()
        .forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
    machine.receiveSyncChanges(
        toDevice,
        new DeviceListChanges(
            strings(r.path("device_lists").path("changed")),
            strings(r.path("device_lists").path("left"))),
        counts,
        Optional.empty());
    for (var room : r.path("rooms").path("join").properties()) {
      room.getValue()
          .path("timeline")
          .path("events")
          .forEach(e -> timeline.computeIfAbsent(room.getKey(), k -> new ArrayList<>()).add(e));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** Sends every queued request; returns how many went out. */
  public int flush() {
    return flushHolding(r -> false).size();
  }

  /**
   * Sends queued requests except those {@code hold} picks: these are acknowledged to the machine as
   * if sent, and returned so the test can deliver them later.
   */
  public List<OutgoingRequest> flushHolding(Predicate<OutgoingRequest> hold) {
    List<OutgoingRequest> held = new ArrayList<>();
    for (OutgoingRequest r : machine.outgoingRequests()) {
      if (hold.test(r)) {
        held.add(r);
        machine.markRequestAsSent(r.id(), JSON.createObjectNode());
      } else {
        machine.markRequestAsSent(r.id(), user.call(r.method(), r.path(), r.body()));
      }
    }
    return held;
  }

  /** Delivers a request that {@link #flushHolding} held back. */
  public void deliver(OutgoingRequest held) {
    user.call(held.method(), held.path(), held.body());
  }

  /** Encrypts for these members, running the machine's requests until it can. */
  public ObjectNode encrypt(String roomId, Collection<String> members, String body) {
    return encryptHolding(roomId, members, body, r -> false, new ArrayList<>());
  }

  public ObjectNode encryptHolding(
      String roomId,
      Collection<String> members,
      String body,
      Predicate<OutgoingRequest> hold,
      List<OutgoingRequest> held) {
    ObjectNode content = JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    for (int round = 0; round < 50; round++) {
      EncryptionResult result =
          machine.encrypt(
              roomId,
              members,
              RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES),
              "m.room.message",
              content);
      if (result instanceof EncryptionResult.Encrypted e) {
        return e.content();
      }
      held.addAll(flushHolding(hold));
    }
    throw new AssertionError(userId() + " could not encrypt for " + members);
  }

  public String sendEncrypted(String roomId, Collection<String> members, String body) {
    return user.sendEvent(roomId, "m.room.encrypted", encrypt(roomId, members, body));
  }

  /** Syncs (and sends requests) until a room event matches; returns it. */
  public JsonNode awaitEvent(String roomId, Predicate<JsonNode> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      List<JsonNode> events = timeline.getOrDefault(roomId, List.of());
      for (; seen < events.size(); seen++) {
        if (matches.test(events.get(seen))) {
          return events.get(seen);
        }
      }
      sync(Duration.ofMillis(500));
      flush();
    }
    throw new AssertionError(userId() + " saw no matching event in " + roomId);
  }

  /** Decrypts a room event, syncing until its key arrived. */
  public DecryptionResult.Decrypted decrypt(String roomId, JsonNode event, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      DecryptionResult result = machine.decrypt(roomId, event);
      if (result instanceof DecryptionResult.Decrypted d) {
        return d;
      }
      if (result instanceof DecryptionResult.Rejected r || System.nanoTime() > deadline) {
        throw new AssertionError(userId() + " cannot decrypt " + event + ": " + result);
      }
      sync(Duration.ofMillis(500));
      flush();
    }
  }

  /** This device's id. */
  public String deviceId() {
    return user.deviceId();
  }

  @Override
  public void close() {
    machine.close();
    user.close();
  }
}

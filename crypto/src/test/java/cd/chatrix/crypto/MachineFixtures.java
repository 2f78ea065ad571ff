package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import java.time.InstantSource;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Shared helpers for machine tests: machines with a settable clock, and the encrypt loop. */
final class MachineFixtures {
  static final CryptoEngine ENGINE = new VodozemacEngine();
  static final AtomicInteger EVENT_IDS = new AtomicInteger();

  final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  final InstantSource clock = () -> java.time.Instant.ofEpochMilli(now.get());
  final TestRelay relay = new TestRelay();

  OlmMachine machine(String user, String device) {
    return machine(user, device, new InMemoryCryptoStore(), PickleKey.random());
  }

  OlmMachine machine(String user, String device, CryptoStore store, PickleKey key) {
    return relay.add(new OlmMachine(user, device, ENGINE, store, key, clock));
  }

  /** Encrypts, settling the relay until the machine is ready, and wraps it as a timeline event. */
  ObjectNode send(
      OlmMachine from,
      String roomId,
      Collection<String> members,
      RoomEncryptionSettings settings,
      String body) {
    ObjectNode content = CanonicalJson.object();
    content.put("msgtype", "m.text");
    content.put("body", body);
    for (int attempt = 0; attempt < 10; attempt++) {
      EncryptionResult result = from.encrypt(roomId, members, settings, "m.room.message", content);
      if (result instanceof EncryptionResult.Encrypted(ObjectNode encrypted)) {
        return event(from.userId(), roomId, encrypted);
      }
      relay.settle();
    }
    throw new AssertionError("encrypt never became ready");
  }

  static ObjectNode event(String sender, String roomId, JsonNode content) {
    ObjectNode event = CanonicalJson.object();
    event.put("type", "m.room.encrypted");
    event.put("sender", sender);
    event.put("event_id", "$ev" + EVENT_IDS.incrementAndGet());
    event.put("room_id", roomId);
    event.put("origin_server_ts", 1);
    event.set("content", content);
    return event;
  }
}

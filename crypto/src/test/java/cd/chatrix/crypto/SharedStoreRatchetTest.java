package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two bot instances on one store, as in high availability: one loses the lease, the other advances
 * the room's ratchet, and the first leads again. Restored pickles are remembered per key instance;
 * the first instance must still continue from the store's ratchet, never from one it remembers, or
 * a message index would repeat (and the reader rejects it as a replay).
 */
class SharedStoreRatchetTest {
  private static final String BOT = "@bot:test";
  private static final String OPS = "@ops:test";
  private static final String ROOM = "!secure:test";
  private static final List<String> MEMBERS = List.of(OPS, BOT);
  private static final RoomEncryptionSettings ALL =
      RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES);

  private final MachineFixtures f = new MachineFixtures();
  private final CryptoStore store = new InMemoryCryptoStore();

  @ParameterizedTest(name = "same key instance: {0}")
  @ValueSource(booleans = {false, true})
  void leadingAgainContinuesFromTheRatchetTheOtherInstanceStored(boolean sameKeyInstance) {
    PickleKey firstKey = PickleKey.random();
    PickleKey secondKey = sameKeyInstance ? firstKey : PickleKey.of(firstKey.bytes());
    OlmMachine ops = f.machine(OPS, "LAPTOP");
    OlmMachine first = f.machine(BOT, "BOT", store, firstKey);
    first.updateTrackedUsers(MEMBERS);
    ops.updateTrackedUsers(MEMBERS);
    f.relay.settle();

    List<ObjectNode> sent = new ArrayList<>();
    sent.add(f.send(first, ROOM, MEMBERS, ALL, "one"));
    sent.add(f.send(first, ROOM, MEMBERS, ALL, "two"));
    OlmMachine second = f.machine(BOT, "BOT", store, secondKey);
    sent.add(f.send(second, ROOM, MEMBERS, ALL, "three"));
    sent.add(f.send(second, ROOM, MEMBERS, ALL, "four"));
    sent.add(f.send(first, ROOM, MEMBERS, ALL, "five"));
    f.relay.sync(ops);

    List<Integer> indexes = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (ObjectNode event : sent) {
      DecryptionResult result = ops.decrypt(ROOM, event);
      assertThat(result).isInstanceOf(DecryptionResult.Decrypted.class);
      var decrypted = (DecryptionResult.Decrypted) result;
      indexes.add(decrypted.messageIndex());
      bodies.add(decrypted.content().path("body").asString());
    }
    assertThat(bodies).containsExactly("one", "two", "three", "four", "five");
    assertThat(indexes).doesNotHaveDuplicates().isSorted();
  }
}

package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.store.StoredOutboundGroupSession;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A leader killed after it queued a room key and before the key went out: the outbound session
 * already counts the person's device as served. The machine that takes over on the same store must
 * still hold the room's messages until that key is out, and replace the key if it never gets out.
 */
class RoomKeyDeliveryAfterRestartTest {
  private static final String BOT = "@bot:test";
  private static final String OPS = "@ops:test";
  private static final String ROOM = "!secure:test";
  private static final List<String> MEMBERS = List.of(OPS, BOT);
  private static final RoomEncryptionSettings ALL =
      RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES);

  private final MachineFixtures f = new MachineFixtures();
  private final CryptoStore store = new InMemoryCryptoStore();
  private final PickleKey pickleKey = PickleKey.random();
  private final ObjectNode content =
      CanonicalJson.object().put("msgtype", "m.text").put("body", "x");
  private OlmMachine ops;
  private String queuedSession;

  @BeforeEach
  void aKeyIsQueuedAndTheBotKilled() {
    OlmMachine bot = f.machine(BOT, "BOT", store, pickleKey);
    ops = f.machine(OPS, "LAPTOP");
    bot.updateTrackedUsers(MEMBERS);
    f.relay.settle();
    EncryptionResult result = bot.encrypt(ROOM, MEMBERS, ALL, "m.room.message", content);
    for (int round = 0; round < 5 && !queuedRoomKey(bot); round++) {
      f.relay.flush(bot);
      result = bot.encrypt(ROOM, MEMBERS, ALL, "m.room.message", content);
    }
    assertThat(result).isInstanceOf(EncryptionResult.NeedsRequests.class);
    assertThat(queuedRoomKey(bot)).as("the room key is queued, not sent").isTrue();
    queuedSession =
        store.outboundGroupSession(ROOM).map(StoredOutboundGroupSession::sessionId).get();
  }

  private static boolean queuedRoomKey(OlmMachine bot) {
    return bot.outgoingRequests().stream().anyMatch(OutgoingRequest.ToDevice.class::isInstance);
  }

  @Test
  void theMachineThatTakesOverWaitsForTheQueuedKeyBeforeItEncrypts() {
    OlmMachine next = f.machine(BOT, "BOT", store, pickleKey);

    assertThat(next.encrypt(ROOM, MEMBERS, ALL, "m.room.message", content))
        .isInstanceOf(EncryptionResult.NeedsRequests.class);
    f.relay.flush(next);
    EncryptionResult result = next.encrypt(ROOM, MEMBERS, ALL, "m.room.message", content);

    assertThat(result).isInstanceOf(EncryptionResult.Encrypted.class);
    ObjectNode event =
        MachineFixtures.event(BOT, ROOM, ((EncryptionResult.Encrypted) result).content());
    assertThat(event.path("content").path("session_id").asString()).isEqualTo(queuedSession);
    f.relay.sync(ops);
    assertThat(ops.decrypt(ROOM, event)).isInstanceOf(DecryptionResult.Decrypted.class);
  }

  @Test
  void aQueuedKeyThatNeverGetsOutIsReplacedByANewOne() {
    OlmMachine next = f.machine(BOT, "BOT", store, pickleKey);
    OutgoingRequest queued =
        next.outgoingRequests().stream()
            .filter(OutgoingRequest.ToDevice.class::isInstance)
            .findFirst()
            .orElseThrow();

    next.markRequestAsFailed(queued.id());
    ObjectNode event = f.send(next, ROOM, MEMBERS, ALL, "after the failed delivery");

    assertThat(event.path("content").path("session_id").asString()).isNotEqualTo(queuedSession);
    f.relay.sync(ops);
    assertThat(ops.decrypt(ROOM, event)).isInstanceOf(DecryptionResult.Decrypted.class);
  }
}

package cd.chatrix.testclients;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two people with devices of their own talk in an encrypted room on the test homeserver. */
class CryptoPersonTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final TestHomeserver homeserver = TestHomeserver.start();
  private final CryptoPerson alice =
      new CryptoPerson(homeserver.registerUser("alice", "alice-password"));
  private final CryptoPerson bob = new CryptoPerson(homeserver.registerUser("bob", "bob-password"));

  @AfterEach
  void close() {
    alice.close();
    bob.close();
    homeserver.close();
  }

  private String encryptedRoomOfAliceAndBob() {
    String room =
        alice
            .user()
            .createRoom(
                CreateRoomOptions.named("secrets").withEncryption(true).withInvitees(bob.userId()));
    bob.user().join(room);
    return room;
  }

  @Test
  void whatAliceEncryptsBobReadsAndTheServerDoesNot() {
    String room = encryptedRoomOfAliceAndBob();
    List<String> members = List.of(alice.userId(), bob.userId());

    String sent = alice.sendEncrypted(room, members, "the deploy key rotates at noon");

    var seen = bob.awaitEvent(room, e -> sent.equals(e.path("event_id").asString("")), PATIENCE);
    assertThat(seen.path("type").asString()).isEqualTo("m.room.encrypted");
    assertThat(seen.toString()).doesNotContain("deploy key");
    assertThat(bob.decrypt(room, seen, PATIENCE).content().path("body").asString())
        .isEqualTo("the deploy key rotates at noon");
  }

  @Test
  void aHeldBackKeyShareLeavesTheMessageUnreadableUntilItIsDelivered() {
    String room = encryptedRoomOfAliceAndBob();
    List<OutgoingRequest> held = new ArrayList<>();
    var content =
        alice.encryptHolding(
            room,
            List.of(alice.userId(), bob.userId()),
            "later",
            r -> r instanceof OutgoingRequest.ToDevice,
            held);
    String sent = alice.user().sendEvent(room, "m.room.encrypted", content);
    var seen = bob.awaitEvent(room, e -> sent.equals(e.path("event_id").asString("")), PATIENCE);

    assertThat(held).as("the room key went to bob's device in a to-device message").isNotEmpty();
    assertThat(bob.machine().decrypt(room, seen)).isNotInstanceOf(DecryptionResult.Decrypted.class);

    held.forEach(alice::deliver);

    assertThat(bob.decrypt(room, seen, PATIENCE).content().path("body").asString())
        .isEqualTo("later");
  }
}

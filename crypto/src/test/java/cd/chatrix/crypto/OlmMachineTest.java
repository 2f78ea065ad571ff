package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.store.LocalTrust;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Two and three machines talking through {@link TestRelay}: no server, only requests. */
class OlmMachineTest {
  private static final String ROOM = "!room:test";
  private static final String ALICE = "@alice:test";
  private static final String BOB = "@bob:test";
  private static final String CAROL = "@carol:test";
  private static final RoomEncryptionSettings ALL =
      RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES);

  private final MachineFixtures f = new MachineFixtures();

  @Test
  void bobDecryptsAlicesRoomMessageAndAnswers() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();

    ObjectNode event = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "deploy please");
    assertThat(event.path("content").path("algorithm").asString())
        .isEqualTo("m.megolm.v1.aes-sha2");
    assertThat(event.toString()).doesNotContain("deploy please");
    // Bob's app tracks the members of the encrypted room, so Alice's device is known to him.
    bob.updateTrackedUsers(List.of(ALICE, BOB));
    f.relay.settle();

    DecryptionResult result = bob.decrypt(ROOM, event);
    assertThat(result).isInstanceOf(DecryptionResult.Decrypted.class);
    var decrypted = (DecryptionResult.Decrypted) result;
    assertThat(decrypted.eventType()).isEqualTo("m.room.message");
    assertThat(decrypted.content().path("body").asString()).isEqualTo("deploy please");
    assertThat(decrypted.senderDeviceId()).contains("ALICEDEV");
    assertThat(decrypted.trust()).isEqualTo(SenderTrust.UNVERIFIED);

    ObjectNode reply = f.send(bob, ROOM, List.of(ALICE, BOB), ALL, "on it");
    f.relay.settle();
    var back = (DecryptionResult.Decrypted) alice.decrypt(ROOM, reply);
    assertThat(back.content().path("body").asString()).isEqualTo("on it");

    // Alice reads her own message back from the timeline.
    var own = (DecryptionResult.Decrypted) alice.decrypt(ROOM, event);
    assertThat(own.trust()).isEqualTo(SenderTrust.VERIFIED);
  }

  @Test
  void aSenderNobodyTrackedIsReportedAsUnknownAndThenTracked() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode event = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "who am i");
    f.relay.settle();
    var first = (DecryptionResult.Decrypted) bob.decrypt(ROOM, event);
    assertThat(first.trust()).isEqualTo(SenderTrust.UNKNOWN_DEVICE);
    assertThat(bob.outgoingRequests())
        .anySatisfy(r -> assertThat(r.body().path("device_keys").has(ALICE)).isTrue());
    f.relay.settle();
    ObjectNode second = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "me again");
    f.relay.settle();
    assertThat(((DecryptionResult.Decrypted) bob.decrypt(ROOM, second)).trust())
        .isEqualTo(SenderTrust.UNVERIFIED);
  }

  @Test
  void verifiedDeviceIsReportedAsVerified() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode event = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "hi");
    f.relay.settle();
    bob.updateTrackedUsers(List.of(ALICE));
    f.relay.settle();
    assertThat(bob.setLocalTrust(ALICE, "ALICEDEV", LocalTrust.VERIFIED)).isTrue();
    assertThat(((DecryptionResult.Decrypted) bob.decrypt(ROOM, event)).trust())
        .isEqualTo(SenderTrust.VERIFIED);
  }

  @Test
  void aMemberLeavingRotatesTheSessionAndLosesAccess() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    OlmMachine carol = f.machine(CAROL, "CAROLDEV");
    f.relay.settle();
    ObjectNode first = f.send(alice, ROOM, List.of(ALICE, BOB, CAROL), ALL, "for three");
    f.relay.settle();
    assertThat(carol.decrypt(ROOM, first)).isInstanceOf(DecryptionResult.Decrypted.class);

    alice.onMemberLeft(ROOM, CAROL);
    ObjectNode second = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "for two");
    f.relay.settle();
    assertThat(sessionId(second)).isNotEqualTo(sessionId(first));
    assertThat(bob.decrypt(ROOM, second)).isInstanceOf(DecryptionResult.Decrypted.class);
    assertThat(carol.decrypt(ROOM, second)).isInstanceOf(DecryptionResult.MissingKey.class);
  }

  @Test
  void aMemberMissingFromTheListAlsoRotatesWithoutAnExplicitLeave() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    f.machine(BOB, "BOBDEV");
    f.machine(CAROL, "CAROLDEV");
    f.relay.settle();
    ObjectNode first = f.send(alice, ROOM, List.of(ALICE, BOB, CAROL), ALL, "one");
    ObjectNode second = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "two");
    assertThat(sessionId(second)).isNotEqualTo(sessionId(first));
  }

  @Test
  void sessionsRotateByMessageCountAndByAge() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    f.machine(BOB, "BOBDEV");
    f.relay.settle();
    var settings = new RoomEncryptionSettings(60_000, 2, TrustPolicy.ALL_DEVICES);
    List<String> members = List.of(ALICE, BOB);
    String s1 = sessionId(f.send(alice, ROOM, members, settings, "1"));
    assertThat(sessionId(f.send(alice, ROOM, members, settings, "2"))).isEqualTo(s1);
    String s2 = sessionId(f.send(alice, ROOM, members, settings, "3"));
    assertThat(s2).isNotEqualTo(s1);
    f.now.addAndGet(60_001);
    assertThat(sessionId(f.send(alice, ROOM, members, settings, "4"))).isNotEqualTo(s2);
  }

  @Test
  void anEventDecryptsLateOnceItsKeyArrives() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    List<LateDecryption> late = new ArrayList<>();
    bob.onLateDecryption(late::add);

    // Alice shares the key, but Bob sees the room event before he syncs the to-device message.
    ObjectNode content = CanonicalJson.object().put("msgtype", "m.text").put("body", "early bird");
    EncryptionResult r;
    int guard = 0;
    while (!((r = alice.encrypt(ROOM, List.of(ALICE, BOB), ALL, "m.room.message", content))
        instanceof EncryptionResult.Encrypted)) {
      f.relay.flush(alice);
      f.relay.sync(alice);
      assertThat(++guard).isLessThan(10);
    }
    ObjectNode event =
        MachineFixtures.event(ALICE, ROOM, ((EncryptionResult.Encrypted) r).content());
    assertThat(f.relay.toDeviceQueued(bob)).isPositive();

    DecryptionResult first = bob.decrypt(ROOM, event);
    assertThat(first).isInstanceOf(DecryptionResult.MissingKey.class);
    List<OutgoingRequest> requests = bob.outgoingRequests();
    assertThat(requests)
        .filteredOn(q ->
            q instanceof OutgoingRequest.ToDevice td && td.eventType().equals("m.room_key_request"))
        .hasSize(1);
    assertThat(late).isEmpty();

    f.relay.sync(bob);
    assertThat(late).hasSize(1);
    assertThat(late.getFirst().eventId()).isEqualTo(event.path("event_id").asString());
    assertThat(late.getFirst().result().content().path("body").asString()).isEqualTo("early bird");
    // The request is withdrawn now that the key is here.
    assertThat(bob.outgoingRequests())
        .filteredOn(q ->
            q instanceof OutgoingRequest.ToDevice td
                && td.body().toString().contains("request_cancellation"))
        .hasSize(1);
  }

  @Test
  void aReplayedMessageIndexWithAnotherEventIdIsRejected() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode event = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "once");
    f.relay.settle();
    assertThat(bob.decrypt(ROOM, event)).isInstanceOf(DecryptionResult.Decrypted.class);
    // The same event again (e.g. re-synced) is fine.
    assertThat(bob.decrypt(ROOM, event)).isInstanceOf(DecryptionResult.Decrypted.class);
    ObjectNode replay = event.deepCopy().put("event_id", "$replayed");
    assertThat(bob.decrypt(ROOM, replay))
        .isInstanceOfSatisfying(
            DecryptionResult.Rejected.class, rej -> assertThat(rej.reason()).contains("replay"));
  }

  @Test
  void anEventMovedToAnotherRoomIsRejected() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode event = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "here");
    f.relay.settle();
    // Bob has no key for the other room at all, so the event is simply missing its key there.
    assertThat(bob.decrypt("!other:test", event)).isInstanceOf(DecryptionResult.MissingKey.class);
  }

  @Test
  void verifiedOnlyPolicyWithholdsTheKeyFromUnverifiedDevicesAndSaysWhy() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    var verifiedOnly = RoomEncryptionSettings.defaults(TrustPolicy.VERIFIED_ONLY);
    ObjectNode event = f.send(alice, ROOM, List.of(ALICE, BOB), verifiedOnly, "secret");
    f.relay.settle();
    assertThat(f.relay.log)
        .filteredOn(q ->
            q instanceof OutgoingRequest.ToDevice td
                && td.eventType().equals("m.room_key.withheld"))
        .singleElement()
        .satisfies(q ->
            assertThat(q.body().path("messages").path(BOB).path("BOBDEV").path("code").asString())
                .isEqualTo("m.unverified"));
    f.relay.settle();
    assertThat(bob.decrypt(ROOM, event))
        .isEqualTo(
            new DecryptionResult.MissingKey(
                sessionId(event), java.util.Optional.of("m.unverified")));

    alice.setLocalTrust(BOB, "BOBDEV", LocalTrust.VERIFIED);
    ObjectNode next = f.send(alice, ROOM, List.of(ALICE, BOB), verifiedOnly, "now you");
    f.relay.settle();
    assertThat(bob.decrypt(ROOM, next)).isInstanceOf(DecryptionResult.Decrypted.class);
  }

  @Test
  void blockedDevicesNeverGetTheKeyEvenWhenAllDevicesAreAllowed() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    alice.updateTrackedUsers(List.of(BOB));
    f.relay.settle();
    alice.setLocalTrust(BOB, "BOBDEV", LocalTrust.BLOCKED);
    ObjectNode event = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "not for bob");
    f.relay.settle();
    assertThat(bob.decrypt(ROOM, event))
        .isEqualTo(
            new DecryptionResult.MissingKey(
                sessionId(event), java.util.Optional.of("m.blacklisted")));
  }

  @Test
  void aRestartKeepsTheDeviceAndEverySession() {
    var aliceStore = new InMemoryCryptoStore();
    var bobStore = new InMemoryCryptoStore();
    PickleKey bobKey = PickleKey.random();
    OlmMachine alice = f.machine(ALICE, "ALICEDEV", aliceStore, PickleKey.random());
    OlmMachine bob = f.machine(BOB, "BOBDEV", bobStore, bobKey);
    f.relay.settle();
    ObjectNode old = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "before restart");
    f.relay.settle();
    String bobCurve = bob.curve25519Key();
    bob.close();

    OlmMachine bobAgain = f.machine(BOB, "BOBDEV", bobStore, bobKey);
    assertThat(bobAgain.curve25519Key()).isEqualTo(bobCurve);
    assertThat(bobAgain.outgoingRequests())
        .noneMatch(r -> r instanceof OutgoingRequest.KeysUpload u && u.body().has("device_keys"));
    assertThat(bobAgain.decrypt(ROOM, old)).isInstanceOf(DecryptionResult.Decrypted.class);
    ObjectNode fresh = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "after restart");
    f.relay.settle();
    assertThat(
            ((DecryptionResult.Decrypted) bobAgain.decrypt(ROOM, fresh))
                .content()
                .path("body")
                .asString())
        .isEqualTo("after restart");
  }

  @Test
  void aNewDeviceOfAMemberGetsTheCurrentSessionFromThatPointOn() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode before = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "before");
    OlmMachine bobPhone = f.machine(BOB, "BOBPHONE");
    f.relay.settle();
    ObjectNode after = f.send(alice, ROOM, List.of(ALICE, BOB), ALL, "after");
    f.relay.settle();
    assertThat(sessionId(after)).isEqualTo(sessionId(before));
    assertThat(bobPhone.decrypt(ROOM, after)).isInstanceOf(DecryptionResult.Decrypted.class);
    assertThat(bobPhone.decrypt(ROOM, before)).isInstanceOf(DecryptionResult.MissingKey.class);
  }

  @Test
  void aLostRoomKeyDeliveryStartsOverWithANewSession() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode content = CanonicalJson.object().put("msgtype", "m.text").put("body", "lost");
    boolean[] failedOnce = {false};
    EncryptionResult r = alice.encrypt(ROOM, List.of(ALICE, BOB), ALL, "m.room.message", content);
    for (int i = 0; i < 5 && r instanceof EncryptionResult.NeedsRequests; i++) {
      for (OutgoingRequest req : alice.outgoingRequests()) {
        if (!failedOnce[0]
            && req instanceof OutgoingRequest.ToDevice td
            && td.eventType().equals("m.room.encrypted")) {
          failedOnce[0] = true;
          alice.markRequestAsFailed(req.id());
        } else {
          alice.markRequestAsSent(req.id(), f.relay.handle(alice, req));
        }
      }
      f.relay.sync(bob);
      f.relay.flush(bob);
      r = alice.encrypt(ROOM, List.of(ALICE, BOB), ALL, "m.room.message", content);
    }
    // The first session's key never reached Bob, so it was dropped; the message uses a new one.
    assertThat(failedOnce[0]).isTrue();
    assertThat(r).isInstanceOf(EncryptionResult.Encrypted.class);
    ObjectNode event =
        MachineFixtures.event(ALICE, ROOM, ((EncryptionResult.Encrypted) r).content());
    f.relay.settle();
    assertThat(bob.decrypt(ROOM, event)).isInstanceOf(DecryptionResult.Decrypted.class);
  }

  @Test
  void aFailedDeviceQueryIsAskedAgain() {
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    f.machine(BOB, "BOBDEV");
    f.relay.settle();
    alice.updateTrackedUsers(List.of(BOB));
    OutgoingRequest query =
        alice.outgoingRequests().stream()
            .filter(OutgoingRequest.KeysQuery.class::isInstance)
            .findFirst()
            .orElseThrow();
    alice.markRequestAsFailed(query.id());
    assertThat(alice.outgoingRequests())
        .filteredOn(OutgoingRequest.KeysQuery.class::isInstance)
        .singleElement()
        .satisfies(q -> {
          assertThat(q.id()).isNotEqualTo(query.id());
          assertThat(q.body().path("device_keys").has(BOB)).isTrue();
        });
  }

  private static String sessionId(JsonNode event) {
    return event.path("content").path("session_id").asString();
  }
}

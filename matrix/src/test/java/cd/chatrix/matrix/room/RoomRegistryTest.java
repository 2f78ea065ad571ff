package cd.chatrix.matrix.room;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.sync.SyncBatch;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {
  private final RoomRegistry registry = new RoomRegistry("@bot:x");

  private void sync(String json) {
    registry.onSync(SyncBatch.parse(Json.MAPPER.readTree(json)));
  }

  @Test
  void cachesNameEncryptionMembersAndPowerLevels() {
    sync(
        """
        {"next_batch":"1","rooms":{"join":{"!r:x":{
          "state":{"events":[
            {"type":"m.room.name","state_key":"","content":{"name":"Deploys"}},
            {"type":"m.room.member","state_key":"@alice:x","content":{"membership":"join","displayname":"Alice"}},
            {"type":"m.room.power_levels","state_key":"","content":{"users":{"@alice:x":100},"events_default":0,"events":{"m.room.encrypted":50}}}]},
          "timeline":{"events":[
            {"type":"m.room.encryption","state_key":"","event_id":"$e","content":{"algorithm":"m.megolm.v1.aes-sha2"}}]}}}}}\
        """);

    RoomState room = registry.room("!r:x").orElseThrow();
    assertThat(room.label()).isEqualTo("Deploys");
    assertThat(room.encryption()).contains("m.megolm.v1.aes-sha2");
    assertThat(room.members().get("@alice:x").label()).isEqualTo("Alice");
    assertThat(room.powerLevels().levelOf("@alice:x")).isEqualTo(100);
    assertThat(registry.joined()).hasSize(1);
    assertThat(registry.maySpeak("!r:x")).isFalse();
  }

  @Test
  void everyoneMaySpeakWithoutPowerLevels() {
    sync("{\"next_batch\":\"1\",\"rooms\":{\"join\":{\"!r:x\":{}}}}");
    assertThat(registry.maySpeak("!r:x")).isTrue();
    assertThat(registry.maySpeak("!unknown:x")).isFalse();
  }

  @Test
  void aMutedBotMayNotSpeak() {
    sync(
        """
        {"next_batch":"1","rooms":{"join":{"!r:x":{"state":{"events":[
          {"type":"m.room.power_levels","state_key":"","content":{"users":{"@bot:x":-1},"events_default":0}}]}}}}}\
        """);
    assertThat(registry.maySpeak("!r:x")).isFalse();
  }

  @Test
  void invitesAndLeavesMoveRoomsAround() {
    sync(
        """
        {"next_batch":"1","rooms":{"invite":{"!i:x":{"invite_state":{"events":[
          {"type":"m.room.name","state_key":"","content":{"name":"Invited"}}]}}}}}\
        """);
    assertThat(registry.invited())
        .singleElement()
        .extracting(RoomState::label)
        .isEqualTo("Invited");

    sync("{\"next_batch\":\"2\",\"rooms\":{\"join\":{\"!i:x\":{}}}}");
    assertThat(registry.invited()).isEmpty();
    assertThat(registry.joined()).hasSize(1);

    sync("{\"next_batch\":\"3\",\"rooms\":{\"leave\":{\"!i:x\":{}}}}");
    assertThat(registry.room("!i:x")).isEmpty();
  }

  @Test
  void roomVersion12CreatorsStandAbovePowerLevels() {
    for (String version : new String[] {"12", "11"}) {
      sync(
          """
          {"next_batch":"1","rooms":{"join":{"!v%s:x":{"state":{"events":[
            {"type":"m.room.create","state_key":"","sender":"@owner:x","content":{"room_version":"%s","additional_creators":["@bot:x"]}},
            {"type":"m.room.power_levels","state_key":"","content":{"users":{},"events_default":100}}]}}}}}\
          """
              .formatted(version, version));
    }

    assertThat(registry.maySpeak("!v12:x")).isTrue();
    assertThat(registry.room("!v12:x").orElseThrow().levelOf("@owner:x")).isEqualTo(Long.MAX_VALUE);
    assertThat(registry.maySpeak("!v11:x")).isFalse();
    assertThat(registry.room("!v11:x").orElseThrow().creators()).isEmpty();
  }

  @Test
  void aMemberListFetchedWhileASyncIsTakenInIsNeverLost() throws Exception {
    SyncBatch busy =
        SyncBatch.parse(
            Json.MAPPER.readTree(
                """
                {"next_batch":"2","rooms":{"join":{"!r:x":{"state":{"events":[
                  {"type":"m.room.member","state_key":"@bot:x","content":{"membership":"join"}},
                  {"type":"m.room.name","state_key":"","content":{"name":"Deploys"}},
                  {"type":"m.room.topic","state_key":"","content":{"topic":"prod"}}]}}}}}\
                """));
    Map<String, Member> fetched =
        Map.of("@ops:x", new Member("@ops:x", java.util.Optional.empty(), "join"));
    for (int round = 0; round < 2_000; round++) {
      RoomRegistry fresh = new RoomRegistry("@bot:x");
      fresh.onSync(busy);
      CyclicBarrier start = new CyclicBarrier(2);
      Thread syncing =
          Thread.ofPlatform()
              .start(() -> {
                await(start);
                fresh.onSync(busy);
              });
      await(start);
      fresh.mergeMembers("!r:x", fetched);
      syncing.join();

      assertThat(fresh.room("!r:x").orElseThrow().members())
          .as("round %d", round)
          .containsKey("@ops:x");
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException | BrokenBarrierException e) {
      throw new IllegalStateException(e);
    }
  }
}

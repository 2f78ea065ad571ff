package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventEndpointsTest {
  private static TwoPeopleInARoom chat;

  @BeforeAll
  static void start() {
    chat = TwoPeopleInARoom.start("events", Dialect.CURRENT); // asserts the current spec
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  private static String sendPath(String txn) {
    return "/_matrix/client/v3/rooms/" + TestUser.enc(chat.room()) + "/send/m.room.message/" + txn;
  }

  private static ObjectNode text(String body) {
    return RawHttp.JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
  }

  @Test
  void retriedTransactionGivesTheSameEventAndNoDuplicate() {
    String first =
        chat.alice().call("PUT", sendPath("retry-1"), text("once")).path("event_id").asString();
    String second =
        chat.alice().call("PUT", sendPath("retry-1"), text("once")).path("event_id").asString();
    assertThat(second).isEqualTo(first);
    long copies =
        chat.alice().timeline(chat.room()).stream()
            .filter(e -> e.path("content").path("body").asString("").equals("once"))
            .count();
    assertThat(copies).isEqualTo(1);
  }

  @Test
  void aRetryADayLaterIsANewEventAsOnSynapse() {
    chat.alice().call("PUT", sendPath("a-day-1"), text("a day apart"));
    chat.homeserver().letTransactionsAge(java.time.Duration.ofHours(23));
    chat.alice().call("PUT", sendPath("a-day-1"), text("a day apart"));
    chat.homeserver().letTransactionsAge(java.time.Duration.ofHours(2));
    chat.alice().call("PUT", sendPath("a-day-1"), text("a day apart"));

    long copies =
        chat.alice().timeline(chat.room()).stream()
            .filter(e -> e.path("content").path("body").asString("").equals("a day apart"))
            .count();
    assertThat(copies).as("the first, and the retry after 25 hours").isEqualTo(2);
  }

  @Test
  void transactionIdsAreScopedPerDevice() {
    try (TestUser aliceElsewhere =
        chat.homeserver().loginUser("alice", TwoPeopleInARoom.PASSWORD)) {
      String one =
          chat.alice().call("PUT", sendPath("shared"), text("a")).path("event_id").asString();
      String two =
          aliceElsewhere.call("PUT", sendPath("shared"), text("b")).path("event_id").asString();
      assertThat(two).isNotEqualTo(one);
      JsonNode seenByFirst =
          chat.alice()
              .call("GET", "/_matrix/client/v3/sync?timeout=0", null)
              .path("rooms")
              .path("join")
              .path(chat.room())
              .path("timeline")
              .path("events");
      assertThat(seenByFirst)
          .filteredOn(e -> e.path("event_id").asString().equals(one))
          .singleElement()
          .satisfies(e ->
              assertThat(e.path("unsigned").path("transaction_id").asString()).isEqualTo("shared"));
      assertThat(seenByFirst)
          .filteredOn(e -> e.path("event_id").asString().equals(two))
          .singleElement()
          .satisfies(e -> assertThat(e.path("unsigned").has("transaction_id")).isFalse());
    }
  }

  @Test
  void oversizedEventIsRejectedWithTooLarge() {
    chat.homeserver().setMaxEventSize(1024);
    try {
      assertThatThrownBy(() -> chat.alice().sendText(chat.room(), "x".repeat(2000)))
          .isInstanceOfSatisfying(
              MatrixCallException.class,
              e -> {
                assertThat(e.status()).isEqualTo(413);
                assertThat(e.errcode()).isEqualTo("M_TOO_LARGE");
              });
    } finally {
      chat.homeserver().setMaxEventSize(65536);
    }
    assertThat(chat.alice().sendText(chat.room(), "x".repeat(2000))).startsWith("$");
  }

  @Test
  void redactionPrunesContentAndNamesTheRedaction() {
    String target = chat.bob().sendText(chat.room(), "oops, a password");
    String redaction = chat.bob().redact(chat.room(), target, "leaked");
    JsonNode event = chat.alice().event(chat.room(), target);
    assertThat(event.path("content").isEmpty()).isTrue();
    assertThat(event.path("unsigned").path("redacted_because").path("event_id").asString())
        .isEqualTo(redaction);
    JsonNode redactionEvent = chat.alice().event(chat.room(), redaction);
    assertThat(redactionEvent.path("redacts").asString()).isEqualTo(target);
    assertThat(redactionEvent.path("content").path("reason").asString()).isEqualTo("leaked");
  }

  @Test
  void othersCannotRedactWithoutPower() {
    String target = chat.alice().sendText(chat.room(), "mine");
    assertThatThrownBy(() -> chat.bob().redact(chat.room(), target, "no"))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void messagesPaginatesBothWays() {
    String fresh = chat.alice().createRoom(CreateRoomOptions.named("pages"));
    for (int i = 1; i <= 4; i++) {
      chat.alice().sendEvent(fresh, "m.room.message", Map.of("msgtype", "m.text", "body", "p" + i));
    }
    String base = "/_matrix/client/v3/rooms/" + TestUser.enc(fresh) + "/messages";
    JsonNode newest = chat.alice().call("GET", base + "?dir=b&limit=2", null);
    assertThat(bodies(newest)).containsExactly("p4", "p3");
    JsonNode older =
        chat.alice()
            .call("GET", base + "?dir=b&limit=2&from=" + newest.path("end").asString(), null);
    assertThat(bodies(older)).containsExactly("p2", "p1");
    JsonNode forward = chat.alice().call("GET", base + "?dir=f&limit=100", null);
    assertThat(forward.path("chunk").get(0).path("type").asString()).isEqualTo("m.room.create");
    JsonNode beyond =
        chat.alice()
            .call("GET", base + "?dir=f&limit=100&from=" + forward.path("end").asString(), null);
    assertThat(beyond.path("chunk").isEmpty()).isTrue();
    assertThat(beyond.has("end")).isFalse();
    assertThat(chat.alice().timeline(fresh).getLast().path("content").path("body").asString())
        .isEqualTo("p4");
  }

  private static List<String> bodies(JsonNode page) {
    return page.path("chunk")
        .valueStream()
        .map(e -> e.path("content").path("body").asString(""))
        .toList();
  }

  @Test
  void nonMembersCannotSendOrRead() {
    try (TestUser stranger = chat.homeserver().registerUser("stranger", "pw")) {
      assertThatThrownBy(() -> stranger.sendText(chat.room(), "hi"))
          .isInstanceOfSatisfying(
              MatrixCallException.class, e -> assertThat(e.errcode()).isEqualTo("M_FORBIDDEN"));
      assertThatThrownBy(() -> stranger.timeline(chat.room()))
          .isInstanceOfSatisfying(
              MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
  }

  @Test
  void unknownEndpointsAreUnrecognized() throws IOException {
    try (RawHttp http = new RawHttp(chat.homeserver().baseUri())) {
      RawHttp.Response missing =
          http.get("/_matrix/client/v3/no/such/thing", chat.alice().accessToken());
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
      RawHttp.Response wrongMethod =
          http.send("DELETE", "/_matrix/client/v3/createRoom", chat.alice().accessToken(), "{}");
      assertThat(wrongMethod.status()).isEqualTo(405);
      assertThat(wrongMethod.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
      RawHttp.Response noToken = http.get("/_matrix/client/v3/joined_rooms", "");
      assertThat(noToken.json().path("errcode").asString()).isEqualTo("M_MISSING_TOKEN");
    }
  }

  @Test
  void typingAndReceiptsArriveInTheEphemeralSection() {
    String since = chat.bob().syncOnce(java.time.Duration.ZERO).path("next_batch").asString();
    String read = chat.alice().sendText(chat.room(), "read me");
    String base = "/_matrix/client/v3/rooms/" + TestUser.enc(chat.room());
    chat.alice()
        .call(
            "PUT",
            base + "/typing/" + TestUser.enc(chat.alice().userId()),
            RawHttp.JSON.createObjectNode().put("typing", true).put("timeout", 30000));
    chat.alice()
        .call(
            "POST",
            base + "/receipt/m.read/" + TestUser.enc(read),
            RawHttp.JSON.createObjectNode());
    chat.alice()
        .call(
            "POST",
            base + "/receipt/m.read.private/" + TestUser.enc(read),
            RawHttp.JSON.createObjectNode());
    JsonNode sync =
        chat.bob().call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, null);
    JsonNode ephemeral =
        sync.path("rooms").path("join").path(chat.room()).path("ephemeral").path("events");
    JsonNode typing =
        ephemeral
            .valueStream()
            .filter(e -> e.path("type").asString().equals("m.typing"))
            .findFirst()
            .orElseThrow();
    assertThat(typing.path("content").path("user_ids").valueStream().map(JsonNode::asString))
        .containsExactly(chat.alice().userId());
    JsonNode receipt =
        ephemeral
            .valueStream()
            .filter(e -> e.path("type").asString().equals("m.receipt"))
            .findFirst()
            .orElseThrow();
    JsonNode byType = receipt.path("content").path(read);
    assertThat(byType.path("m.read").has(chat.alice().userId())).isTrue();
    assertThat(byType.has("m.read.private")).as("private receipts stay private").isFalse();
  }

  @Test
  void contextReturnsNeighboursAroundTheEvent() {
    String fresh = chat.alice().createRoom(CreateRoomOptions.named("context"));
    chat.alice().sendText(fresh, "c1");
    String middle = chat.alice().sendText(fresh, "c2");
    chat.alice().sendText(fresh, "c3");
    JsonNode context =
        chat.alice()
            .call(
                "GET",
                "/_matrix/client/v3/rooms/"
                    + TestUser.enc(fresh)
                    + "/context/"
                    + TestUser.enc(middle)
                    + "?limit=2",
                null);
    assertThat(context.path("event").path("content").path("body").asString()).isEqualTo("c2");
    assertThat(context.path("events_before").get(0).path("content").path("body").asString())
        .isEqualTo("c1");
    assertThat(context.path("events_after").get(0).path("content").path("body").asString())
        .isEqualTo("c3");
    assertThat(context.path("state").valueStream().map(e -> e.path("type").asString()))
        .contains("m.room.create");
  }
}

package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultsTest {
  private static final String WHOAMI = "/_matrix/client/v3/account/whoami";

  private TestHomeserver hs;
  private TestUser alice;
  private RawHttp http;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start("localhost", Dialect.CURRENT); // asserts the current spec
    alice = hs.registerUser("alice", "secret-pw");
    http = new RawHttp(hs.baseUri());
  }

  @AfterEach
  void stop() {
    http.close();
    hs.close();
  }

  @Test
  void rateLimitAnswers429WithRetryAfterThenRecovers() throws IOException {
    hs.faults().rateLimitNext(1, 1500);
    RawHttp.Response limited = http.get(WHOAMI, alice.accessToken());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("errcode").asString()).isEqualTo("M_LIMIT_EXCEEDED");
    assertThat(limited.json().path("retry_after_ms").asLong()).isEqualTo(1500);
    assertThat(limited.raw().headers().firstValue("Retry-After")).contains("2");
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void failNextAnswersTheStatusTheGivenNumberOfTimes() throws IOException {
    hs.faults().failNext(2, 502);
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(502);
    RawHttp.Response second = http.get(WHOAMI, alice.accessToken());
    assertThat(second.status()).isEqualTo(502);
    assertThat(second.json().path("errcode").asString()).isEqualTo("M_UNKNOWN");
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void droppedConnectionGivesTheClientAnIoError() throws IOException {
    // POST, because the JDK client silently retries a GET once on a closed connection.
    hs.faults().dropConnectionsNext(1);
    String create = "/_matrix/client/v3/createRoom";
    assertThatThrownBy(() -> http.post(create, alice.accessToken(), "{}"))
        .isInstanceOf(IOException.class);
    assertThat(http.post(create, alice.accessToken(), "{}").status()).isEqualTo(200);
    assertThat(hs.requests()).filteredOn(r -> r.path().equals(create)).hasSize(2);
  }

  @Test
  void aLostToDeviceMessageIsAcknowledgedButNeverDelivered() {
    TestUser bob = hs.registerUser("bob", "secret-pw");
    String since = bob.syncOnce(Duration.ZERO).path("next_batch").asString();
    hs.faults().on("/sendToDevice/").loseNext(1);
    alice.sendToDevice("m.lost", bob.userId(), bob.deviceId(), RawHttp.JSON.createObjectNode());
    alice.sendToDevice("m.kept", bob.userId(), bob.deviceId(), RawHttp.JSON.createObjectNode());
    JsonNode sync = bob.call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, null);
    java.util.List<String> types = new java.util.ArrayList<>();
    sync.path("to_device").path("events").forEach(e -> types.add(e.path("type").asString()));
    assertThat(types).containsExactly("m.kept");
  }

  @Test
  void scopedFaultsOnlyHitTheirPath() throws IOException {
    hs.faults().on("/sync").failNext(1, 500);
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
    assertThat(http.get("/_matrix/client/r0/sync?timeout=0", alice.accessToken()).status())
        .isEqualTo(500);
    assertThat(http.get("/_matrix/client/v3/sync?timeout=0", alice.accessToken()).status())
        .isEqualTo(200);
  }

  @Test
  void expiredAccessTokenIsASoftLogout() throws IOException {
    hs.faults().expireAccessToken(alice.accessToken());
    RawHttp.Response response = http.get(WHOAMI, alice.accessToken());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("errcode").asString()).isEqualTo("M_UNKNOWN_TOKEN");
    assertThat(response.json().path("soft_logout").asBoolean()).isTrue();
  }

  @Test
  void pausedSyncDeliversNothingUntilResumed() {
    String room = alice.createRoom(CreateRoomOptions.named("paused"));
    String since = alice.syncOnce(Duration.ZERO).path("next_batch").asString();
    hs.faults().pauseSync(true);
    alice.sendText(room, "held back");
    JsonNode paused = alice.call("GET", "/_matrix/client/v3/sync?timeout=50&since=" + since, null);
    assertThat(paused.path("next_batch").asString()).isEqualTo(since);
    assertThat(paused.path("rooms").path("join").isEmpty()).isTrue();
    hs.faults().pauseSync(false);
    JsonNode resumed = alice.call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, null);
    assertThat(resumed.path("rooms").path("join").path(room).path("timeline").path("events"))
        .anySatisfy(
            e -> assertThat(e.path("content").path("body").asString("")).isEqualTo("held back"));
  }

  @Test
  void requestLogMasksCredentials() throws IOException {
    http.post(
        "/_matrix/client/v3/login",
        "",
        "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"alice\"},"
            + "\"password\":\"secret-pw\"}");
    http.get(WHOAMI + "?access_token=" + alice.accessToken(), "");
    http.get(WHOAMI, alice.accessToken());
    assertThat(hs.requests()).isNotEmpty();
    for (RecordedRequest request : hs.requests()) {
      assertThat(request.body()).doesNotContain("secret-pw");
      assertThat(request.query()).doesNotContain(alice.accessToken());
      assertThat(request.headers().toString()).doesNotContain(alice.accessToken());
    }
    assertThat(hs.requests()).anySatisfy(r -> assertThat(r.canonicalPath()).isEqualTo(WHOAMI));
  }

  @Test
  void delayedRequestTripsAClientTimeoutButIsStillServed() throws Exception {
    hs.faults().delayNext(1, Duration.ofSeconds(3));
    try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(hs.baseUri().resolve(WHOAMI))
              .header("Authorization", "Bearer " + alice.accessToken())
              .timeout(Duration.ofMillis(300))
              .build();
      assertThatThrownBy(
              () -> client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }

  // --- outages: on until lifted ------------------------------------------------------------

  @Test
  void unrecognizedOutageAnswers404UntilLifted() throws IOException {
    Faults.Outage outage = hs.faults().on("/account/").fail(Faults.Kind.UNRECOGNIZED);
    for (int i = 0; i < 3; i++) {
      RawHttp.Response refused = http.get(WHOAMI, alice.accessToken());
      assertThat(refused.status()).isEqualTo(404);
      assertThat(refused.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
    }
    assertThat(outage.hits()).isEqualTo(3);
    outage.lift();
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
    assertThat(outage.hits()).isEqualTo(3);
  }

  @Test
  void rateLimitOutageAsksForTheDefaultWait() throws IOException {
    try (Faults.Outage outage = hs.faults().fail(Faults.Kind.RATE_LIMITED)) {
      RawHttp.Response limited = http.get(WHOAMI, alice.accessToken());
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.json().path("retry_after_ms").asLong())
          .isEqualTo(Faults.DEFAULT_RETRY_AFTER_MS);
      assertThat(outage.isLifted()).isFalse();
    }
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void serverErrorOutageAnswers500WithAMatrixError() throws IOException {
    try (Faults.Outage outage = hs.faults().fail(Faults.Kind.SERVER_ERROR)) {
      RawHttp.Response failed = http.get(WHOAMI, alice.accessToken());
      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.json().path("errcode").asString()).isEqualTo("M_UNKNOWN");
    }
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void badGatewayOutageAnswersWithAnHtmlPageLikeAProxy() throws IOException {
    try (Faults.Outage outage = hs.faults().fail(Faults.Kind.BAD_GATEWAY_HTML)) {
      RawHttp.Response failed = http.get(WHOAMI, alice.accessToken());
      assertThat(failed.status()).isEqualTo(502);
      assertThat(failed.raw().headers().firstValue("Content-Type")).contains("text/html");
      assertThat(new String(failed.raw().body(), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("<html>")
          .contains("502 Bad Gateway");
    }
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void notJsonOutageAnswers200WithHtml() throws IOException {
    try (Faults.Outage outage = hs.faults().fail(Faults.Kind.NOT_JSON)) {
      RawHttp.Response page = http.get(WHOAMI, alice.accessToken());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.raw().headers().firstValue("Content-Type")).contains("text/html");
      assertThatThrownBy(() -> RawHttp.JSON.readTree(page.raw().body()))
          .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
    RawHttp.Response ok = http.get(WHOAMI, alice.accessToken());
    assertThat(ok.json().path("user_id").asString()).isEqualTo(alice.userId());
  }

  @Test
  void resetOutageEndsEveryConnectionUnansweredUntilLifted() throws IOException {
    String create = "/_matrix/client/v3/createRoom";
    Faults.Outage outage = hs.faults().on("/createRoom").fail(Faults.Kind.CONNECTION_RESET);
    assertThatThrownBy(() -> http.post(create, alice.accessToken(), "{}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> http.post(create, alice.accessToken(), "{}"))
        .isInstanceOf(IOException.class);
    outage.lift();
    assertThat(http.post(create, alice.accessToken(), "{}").status()).isEqualTo(200);
    assertThat(hs.requests()).filteredOn(r -> r.path().equals(create)).hasSize(3);
  }

  @Test
  void readTimeoutOutageCarriesTheRequestOutButHoldsItsAnswer() throws Exception {
    String room = alice.createRoom(CreateRoomOptions.named("held"));
    String send =
        "/_matrix/client/v3/rooms/" + java.net.URLEncoder.encode(room, "UTF-8") + "/send/";
    Faults.Outage outage = hs.faults().on("/rooms/*/send/").fail(Faults.Kind.READ_TIMEOUT);
    try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(hs.baseUri().resolve(send + "m.room.message/t1"))
              .header("Authorization", "Bearer " + alice.accessToken())
              .timeout(Duration.ofMillis(300))
              .PUT(
                  java.net.http.HttpRequest.BodyPublishers.ofString(
                      "{\"msgtype\":\"m.text\",\"body\":\"once\"}"))
              .build();
      assertThatThrownBy(
              () -> client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.net.http.HttpTimeoutException.class);
      // The server did the work although the client never heard of it.
      assertThat(alice.timeline(room))
          .filteredOn(e -> e.path("content").path("body").asString("").equals("once"))
          .hasSize(1);
      outage.lift();
      RawHttp.Response resent =
          http.put(send + "m.room.message/t1", alice.accessToken(), "{\"body\":\"once\"}");
      assertThat(resent.status()).isEqualTo(200);
    }
    assertThat(alice.timeline(room))
        .filteredOn(e -> e.path("content").path("body").asString("").equals("once"))
        .hasSize(1);
  }

  @Test
  void liftedHoldLetsAWaitingRequestGoUnanswered() throws Exception {
    Faults.Outage outage = hs.faults().fail(Faults.Kind.READ_TIMEOUT);
    var waiting =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return http.post("/_matrix/client/v3/createRoom", alice.accessToken(), "{}");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> outage.hits() == 1);
    assertThat(waiting).isNotDone();
    outage.lift();
    assertThatThrownBy(() -> waiting.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .hasCauseInstanceOf(java.io.UncheckedIOException.class);
  }

  @Test
  void bodyScopedOutageOnlyHitsMatchingRequests() throws IOException {
    String room = alice.createRoom(CreateRoomOptions.named("edits"));
    String send =
        "/_matrix/client/v3/rooms/" + java.net.URLEncoder.encode(room, "UTF-8") + "/send/";
    try (Faults.Outage outage =
        hs.faults()
            .on("/rooms/*/send/")
            .whereBody("m.new_content")
            .fail(Faults.Kind.SERVER_ERROR)) {
      assertThat(
              http.put(send + "m.room.message/a", alice.accessToken(), "{\"body\":\"x\"}").status())
          .isEqualTo(200);
      assertThat(
              http.put(
                      send + "m.room.message/b",
                      alice.accessToken(),
                      "{\"body\":\"* y\",\"m.new_content\":{\"body\":\"y\"}}")
                  .status())
          .isEqualTo(500);
      assertThat(outage.hits()).isEqualTo(1);
    }
  }

  @Test
  void clearLiftsOutagesAndCountedFaultsStillComeFirstInOrder() throws IOException {
    hs.faults().failNext(1, 503);
    Faults.Outage outage = hs.faults().fail(Faults.Kind.SERVER_ERROR);
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(503);
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(500);
    hs.faults().clear();
    assertThat(outage.isLifted()).isTrue();
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void failWithAnswersAnyMatrixErrorUntilLifted() throws IOException {
    Faults.Outage forgotten = hs.faults().on("/account/").failWith(401, "M_UNKNOWN_TOKEN");
    RawHttp.Response refused = http.get(WHOAMI, alice.accessToken());
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().path("errcode").asString()).isEqualTo("M_UNKNOWN_TOKEN");
    forgotten.lift();
    assertThat(http.get(WHOAMI, alice.accessToken()).status()).isEqualTo(200);
  }
}

package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Where the dialects differ beyond tokens: which endpoints exist under which version segment, how
 * an unknown endpoint is answered, filters, room versions and the rate-limit answer.
 */
class DialectEndpointsTest {
  private static final String BOT_FILTER =
      "{\"room\":{\"state\":{\"lazy_load_members\":true},"
          + "\"timeline\":{\"limit\":20,\"lazy_load_members\":true}},"
          + "\"presence\":{\"not_types\":[\"*\"]}}";
  private static final String THREAD_FILTER =
      "{\"room\":{\"timeline\":{\"unread_thread_notifications\":true}}}";

  @Test
  void synapse167ServesRelationsUnderV1OnlyAndHasNoThreadsListNoAuthenticatedMediaNoAuthMetadata()
      throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67);
        TestUser alice = hs.registerUser("alice", "pw");
        RawHttp http = new RawHttp(hs.baseUri())) {
      String room = alice.createRoom(CreateRoomOptions.named("ops"));
      String root = alice.sendText(room, "deploy?");
      String rooms = "/rooms/" + TestUser.enc(room);
      String relations = rooms + "/relations/" + TestUser.enc(root);
      String token = alice.accessToken();

      assertThat(http.get("/_matrix/client/v1" + relations, token).status()).isEqualTo(200);
      assertUnrecognized167(http.get("/_matrix/client/v3" + relations, token));
      assertUnrecognized167(http.get("/_matrix/client/v1" + rooms + "/threads", token));
      assertUnrecognized167(http.get("/_matrix/client/v1/auth_metadata", ""));
      assertUnrecognized167(
          http.get("/_matrix/client/unstable/org.matrix.msc2965/auth_metadata", ""));
      assertUnrecognized167(
          http.post("/_matrix/client/r0/keys/device_signing/upload", token, "{}"));

      String mxc = alice.upload("log".getBytes(StandardCharsets.UTF_8), "text/plain", "x.log");
      String id = mxc.substring("mxc://".length());
      assertUnrecognized167(http.get("/_matrix/client/v1/media/download/" + id, token));
      assertUnrecognized167(http.get("/_matrix/client/v1/media/config", token));
      for (String version : new String[] {"r0", "v3", "v1"}) {
        RawHttp.Response legacy = http.get("/_matrix/media/" + version + "/download/" + id, "");
        assertThat(legacy.status()).as(version).isEqualTo(200);
      }
      assertThat(alice.download(mxc)).asString(StandardCharsets.UTF_8).isEqualTo("log");
    }
  }

  @Test
  void currentServesRelationsThreadsAndAuthenticatedMediaUnderV1Only() throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("localhost", Dialect.CURRENT);
        TestUser alice = hs.registerUser("alice", "pw");
        RawHttp http = new RawHttp(hs.baseUri())) {
      String room = alice.createRoom(CreateRoomOptions.named("ops"));
      String root = alice.sendText(room, "deploy?");
      String rooms = "/rooms/" + TestUser.enc(room);
      String relations = rooms + "/relations/" + TestUser.enc(root);
      String token = alice.accessToken();
      String mxc = alice.upload("log".getBytes(StandardCharsets.UTF_8), "text/plain", "x.log");
      String id = mxc.substring("mxc://".length());

      assertThat(http.get("/_matrix/client/v1" + relations, token).status()).isEqualTo(200);
      assertThat(http.get("/_matrix/client/v1" + rooms + "/threads", token).status())
          .isEqualTo(200);
      assertThat(http.get("/_matrix/client/v1/media/download/" + id, token).status())
          .isEqualTo(200);
      for (String path :
          new String[] {
            "/_matrix/client/v3" + relations,
            "/_matrix/client/v3" + rooms + "/threads",
            "/_matrix/client/v3/media/download/" + id
          }) {
        RawHttp.Response refused = http.get(path, token);
        assertThat(refused.status()).as(path).isEqualTo(404);
        assertThat(refused.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
      }
      assertThat(alice.download(mxc)).asString(StandardCharsets.UTF_8).isEqualTo("log");
    }
  }

  @Test
  void unknownEndpointsAndMethodsAreAnsweredAsEachServerDoes() throws IOException {
    try (TestHomeserver old = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67);
        TestHomeserver now = TestHomeserver.start("localhost", Dialect.CURRENT);
        RawHttp oldHttp = new RawHttp(old.baseUri());
        RawHttp nowHttp = new RawHttp(now.baseUri())) {
      String unknown = "/_matrix/client/v3/rooms/!r:localhost/timestamp_to_event?ts=1&dir=f";
      assertUnrecognized167(oldHttp.get(unknown, ""));
      assertUnrecognized167(oldHttp.send("DELETE", "/_matrix/client/v3/account/whoami", "", null));
      RawHttp.Response media = oldHttp.get("/_matrix/media/v3/nothing_here", "");
      assertThat(media.status()).isEqualTo(404);
      assertThat(media.raw().headers().firstValue("Content-Type")).contains("text/html");

      RawHttp.Response missing = nowHttp.get(unknown, "");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
      RawHttp.Response method =
          nowHttp.send("DELETE", "/_matrix/client/v3/account/whoami", "", null);
      assertThat(method.status()).isEqualTo(405);
      assertThat(method.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
    }
  }

  @Test
  void synapse167RefusesFilterFieldsItDoesNotKnowWhileCurrentAcceptsThem() throws IOException {
    try (TestHomeserver old = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67);
        TestHomeserver now = TestHomeserver.start("localhost", Dialect.CURRENT);
        TestUser oldBot = old.registerUser("bot", "pw");
        TestUser nowBot = now.registerUser("bot", "pw");
        RawHttp oldHttp = new RawHttp(old.baseUri());
        RawHttp nowHttp = new RawHttp(now.baseUri())) {
      String oldFilters = "/_matrix/client/v3/user/" + TestUser.enc(oldBot.userId()) + "/filter";
      String nowFilters = "/_matrix/client/v3/user/" + TestUser.enc(nowBot.userId()) + "/filter";

      RawHttp.Response refused = oldHttp.post(oldFilters, oldBot.accessToken(), THREAD_FILTER);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().path("errcode").asString()).isEqualTo("M_UNKNOWN");
      assertThat(refused.json().path("error").asString()).contains("unread_thread_notifications");
      RawHttp.Response inline =
          oldHttp.get(
              "/_matrix/client/v3/sync?filter=" + TestUser.enc(THREAD_FILTER),
              oldBot.accessToken());
      assertThat(inline.status()).isEqualTo(400);
      RawHttp.Response noSuch =
          oldHttp.get("/_matrix/client/v3/sync?filter=77", oldBot.accessToken());
      assertThat(noSuch.status()).isEqualTo(400);
      assertThat(noSuch.json().path("errcode").asString()).isEqualTo("M_INVALID_PARAM");

      String kept =
          oldHttp
              .post(oldFilters, oldBot.accessToken(), BOT_FILTER)
              .json()
              .path("filter_id")
              .asString();
      assertThat(
              oldHttp.get("/_matrix/client/v3/sync?filter=" + kept, oldBot.accessToken()).status())
          .isEqualTo(200);
      assertThat(nowHttp.post(nowFilters, nowBot.accessToken(), THREAD_FILTER).status())
          .isEqualTo(200);
      assertThat(nowHttp.post(nowFilters, nowBot.accessToken(), BOT_FILTER).status())
          .isEqualTo(200);
    }
  }

  @Test
  void roomVersionsAndRateLimitsFollowTheDialect() throws IOException {
    try (TestHomeserver old = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67);
        TestHomeserver now = TestHomeserver.start("localhost", Dialect.CURRENT);
        TestUser oldAlice = old.registerUser("alice", "pw");
        TestUser nowAlice = now.registerUser("alice", "pw");
        RawHttp oldHttp = new RawHttp(old.baseUri());
        RawHttp nowHttp = new RawHttp(now.baseUri())) {
      JsonNode caps = oldHttp.get("/_matrix/client/v3/capabilities", oldAlice.accessToken()).json();
      JsonNode roomVersions = caps.path("capabilities").path("m.room_versions");
      assertThat(roomVersions.path("default").asString()).isEqualTo("9");
      assertThat(roomVersions.path("available").has("10")).isTrue();
      assertThat(roomVersions.path("available").has("11")).isFalse();

      RawHttp.Response eleven =
          oldHttp.post(
              "/_matrix/client/v3/createRoom", oldAlice.accessToken(), "{\"room_version\":\"11\"}");
      assertThat(eleven.status()).isEqualTo(400);
      assertThat(eleven.json().path("errcode").asString()).isEqualTo("M_UNSUPPORTED_ROOM_VERSION");
      String room = oldAlice.createRoom(CreateRoomOptions.named("ops"));
      JsonNode create =
          oldHttp
              .get(
                  "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/state/m.room.create",
                  oldAlice.accessToken())
              .json();
      assertThat(create.path("room_version").asString()).isEqualTo("9");
      assertThat(
              nowHttp
                  .post(
                      "/_matrix/client/v3/createRoom",
                      nowAlice.accessToken(),
                      "{\"room_version\":\"11\"}")
                  .status())
          .isEqualTo(200);

      old.faults().rateLimitNext(1, 1500);
      now.faults().rateLimitNext(1, 1500);
      RawHttp.Response oldLimited =
          oldHttp.get("/_matrix/client/v3/account/whoami", oldAlice.accessToken());
      RawHttp.Response nowLimited =
          nowHttp.get("/_matrix/client/v3/account/whoami", nowAlice.accessToken());
      assertThat(oldLimited.status()).isEqualTo(429);
      assertThat(oldLimited.json().path("retry_after_ms").asLong()).isEqualTo(1500);
      assertThat(oldLimited.raw().headers().firstValue("Retry-After")).isEmpty();
      assertThat(nowLimited.status()).isEqualTo(429);
      assertThat(nowLimited.raw().headers().firstValue("Retry-After")).contains("2");
    }
  }

  @Test
  void synapse167AsksForThePasswordEvenForTheFirstCrossSigningUpload() throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67);
        TestUser alice = hs.registerUser("alice", "alice-pw");
        RawHttp http = new RawHttp(hs.baseUri())) {
      String upload = "/_matrix/client/v3/keys/device_signing/upload";
      String keys =
          "\"master_key\":{\"user_id\":\""
              + alice.userId()
              + "\",\"usage\":[\"master\"],\"keys\":{\"ed25519:M\":\"M\"}}";

      RawHttp.Response challenge = http.post(upload, alice.accessToken(), "{" + keys + "}");
      assertThat(challenge.status()).isEqualTo(401);
      assertThat(challenge.json().path("flows").get(0).path("stages").get(0).asString())
          .isEqualTo("m.login.password");

      String auth =
          "\"auth\":{\"type\":\"m.login.password\",\"password\":\"alice-pw\","
              + "\"identifier\":{\"type\":\"m.id.user\",\"user\":\""
              + alice.userId()
              + "\"}}";
      assertThat(http.post(upload, alice.accessToken(), "{" + keys + "," + auth + "}").status())
          .isEqualTo(200);
    }
  }

  @Test
  void synapse167RemembersTransactionsPerAccessTokenSoARetryAfterARefreshIsANewEvent()
      throws IOException {
    java.util.List<String> old =
        sendTwiceAroundARefresh(Dialect.SYNAPSE_1_67, "/_matrix/client/v1/refresh");
    assertThat(old.get(1)).as("a second event").isNotEqualTo(old.get(0));
    java.util.List<String> now =
        sendTwiceAroundARefresh(Dialect.CURRENT, "/_matrix/client/v3/refresh");
    assertThat(now.get(1)).as("the same event").isEqualTo(now.get(0));
  }

  /** The event ids of the same send (same txn id) before and after a token refresh. */
  private static java.util.List<String> sendTwiceAroundARefresh(Dialect dialect, String refresh)
      throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("localhost", dialect);
        TestUser alice = hs.registerUser("alice", "alice-pw");
        RawHttp http = new RawHttp(hs.baseUri())) {
      String room = alice.createRoom(CreateRoomOptions.named("ops"));
      JsonNode login =
          http.post(
                  "/_matrix/client/v3/login",
                  "",
                  "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\","
                      + "\"user\":\"alice\"},\"password\":\"alice-pw\",\"refresh_token\":true}")
              .json();
      String send = "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/send/m.room.message/txn-1";
      String message = "{\"msgtype\":\"m.text\",\"body\":\"deployed\"}";
      String first =
          http.put(send, login.path("access_token").asString(), message)
              .json()
              .path("event_id")
              .asString();
      JsonNode renewed =
          http.post(
                  refresh,
                  "",
                  "{\"refresh_token\":\"" + login.path("refresh_token").asString() + "\"}")
              .json();
      String second =
          http.put(send, renewed.path("access_token").asString(), message)
              .json()
              .path("event_id")
              .asString();
      assertThat(first).isNotEmpty();
      assertThat(second).isNotEmpty();
      return java.util.List.of(first, second);
    }
  }

  private static void assertUnrecognized167(RawHttp.Response response) {
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
    assertThat(response.json().path("error").asString()).isEqualTo("Unrecognized request");
  }
}

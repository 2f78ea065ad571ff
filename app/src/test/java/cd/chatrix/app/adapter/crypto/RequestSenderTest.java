package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.Secret;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.testkit.matrix.Faults;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the machine's requests reach the test homeserver, and what happens when they fail. */
class RequestSenderTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TestHomeserver hs;
  private MatrixClient matrix;
  private OlmMachine machine;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start();
    hs.registerUser("bot", "bot-password").close();
    matrix = MatrixClient.builder(hs.baseUri()).build();
    matrix.login(new LoginMethod.Password("bot", "bot-password"));
    machine =
        new OlmMachine(
            matrix.session().userId(),
            matrix.session().deviceId(),
            new VodozemacEngine(),
            new InMemoryCryptoStore(),
            PickleKey.random());
  }

  @AfterEach
  void stop() {
    machine.close();
    matrix.close();
    hs.close();
  }

  private RequestSender sender(Secret password) {
    return new RequestSender(
        machine,
        matrix.api(),
        matrix.session().userId(),
        password,
        new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)));
  }

  /** A flush once the (tiny) back-off after a passing failure is over. */
  private static RequestSender.Flush flushLater(RequestSender sender) {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return sender.flush();
  }

  private JsonNode deviceKeysOnServer() {
    try (TestUser asker = hs.registerUser("asker" + System.nanoTime(), "pw")) {
      var body = JSON.createObjectNode();
      body.putObject("device_keys").putArray(matrix.session().userId());
      return asker
          .call("POST", "/_matrix/client/v3/keys/query", body)
          .path("device_keys")
          .path(matrix.session().userId())
          .path(matrix.session().deviceId());
    }
  }

  @Test
  void uploadsTheDeviceKeysAndReportsTheAnswer() {
    RequestSender.Flush flush = sender(Secret.NONE).flush();
    assertThat(flush.sent()).isPositive();
    assertThat(flush.failed()).isZero();
    assertThat(deviceKeysOnServer().path("keys").toString()).contains(machine.ed25519Key());
  }

  @Test
  void aServerErrorIsRetriedAtTheNextFlushWithTheSameRequest() {
    hs.faults().on("/_matrix/client/v3/keys/upload").failNext(1, 502);
    RequestSender sender = sender(Secret.NONE);
    String pending = machine.outgoingRequests().getFirst().id();

    RequestSender.Flush first = sender.flush();
    assertThat(first.deferred()).isEqualTo(1);
    assertThat(machine.outgoingRequests()).extracting(OutgoingRequest::id).contains(pending);

    RequestSender.Flush second = flushLater(sender);
    assertThat(second.sent()).isPositive();
    assertThat(machine.outgoingRequests()).extracting(OutgoingRequest::id).doesNotContain(pending);
    assertThat(deviceKeysOnServer().isObject()).isTrue();
  }

  @Test
  void aRefusalIsReportedAsAFailureAtOnce() {
    hs.faults().on("/_matrix/client/v3/keys/upload").failNext(1, 400);
    String pending = machine.outgoingRequests().getFirst().id();
    RequestSender.Flush flush = sender(Secret.NONE).flush();
    assertThat(flush.failed()).isEqualTo(1);
    assertThat(machine.outgoingRequests()).extracting(OutgoingRequest::id).doesNotContain(pending);
  }

  @Test
  void afterAPassingFailureFlushesWaitOutTheBackOff() {
    hs.faults().on("/_matrix/client/v3/keys/upload").failNext(1, 503);
    RequestSender sender =
        new RequestSender(
            machine,
            matrix.api(),
            matrix.session().userId(),
            Secret.NONE,
            new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    assertThat(sender.flush().deferred()).isEqualTo(1);
    int asked = hs.requests().size();

    RequestSender.Flush held = sender.flush();

    assertThat(held.sent()).isZero();
    assertThat(held.deferred()).isEqualTo(1);
    assertThat(hs.requests()).hasSize(asked);
  }

  @Test
  void anEndpointUnrecognizedForAWhileIsRetriedNotFailed() {
    Faults.Outage unknown =
        hs.faults().on("/_matrix/client/v3/keys/upload").fail(Faults.Kind.UNRECOGNIZED);
    RequestSender sender = sender(Secret.NONE);
    String pending = machine.outgoingRequests().getFirst().id();
    assertThat(sender.flush().deferred()).isEqualTo(1);
    unknown.lift();
    assertThat(flushLater(sender).sent()).isPositive();
    assertThat(machine.outgoingRequests()).extracting(OutgoingRequest::id).doesNotContain(pending);
  }

  @Test
  void givesUpAfterRepeatedPassingFailures() {
    hs.faults().on("/_matrix/client/v3/keys/upload").failNext(RequestSender.MAX_ATTEMPTS, 503);
    RequestSender sender = sender(Secret.NONE);
    String pending = machine.outgoingRequests().getFirst().id();
    int failed = 0;
    for (int i = 0; i < RequestSender.MAX_ATTEMPTS; i++) {
      failed += flushLater(sender).failed();
    }
    assertThat(failed).isEqualTo(1);
    assertThat(machine.outgoingRequests()).extracting(OutgoingRequest::id).doesNotContain(pending);
  }

  @Test
  void replacingACrossSigningIdentityNeedsThePassword() {
    // Someone (an earlier device of the bot) already published an identity.
    try (TestUser earlier = hs.loginUser("bot", "bot-password")) {
      var body = JSON.createObjectNode();
      var master = body.putObject("master_key");
      master.put("user_id", earlier.userId());
      master.putArray("usage").add("master");
      master.putObject("keys").put("ed25519:old", "old");
      earlier.call("POST", "/_matrix/client/v3/keys/device_signing/upload", body);
    }
    sender(Secret.NONE).flush();
    String newMaster = machine.bootstrapCrossSigning();

    RequestSender.Flush withoutPassword = sender(Secret.NONE).flush();
    assertThat(withoutPassword.failed()).isEqualTo(1);
    assertThat(masterKeyOnServer()).doesNotContain(newMaster);
  }

  @Test
  void thePasswordAnswersTheServersChallenge() {
    try (TestUser earlier = hs.loginUser("bot", "bot-password")) {
      var body = JSON.createObjectNode();
      var master = body.putObject("master_key");
      master.put("user_id", earlier.userId());
      master.putArray("usage").add("master");
      master.putObject("keys").put("ed25519:old", "old");
      earlier.call("POST", "/_matrix/client/v3/keys/device_signing/upload", body);
    }
    RequestSender sender = sender(Secret.of("bot-password"));
    sender.flush();
    String newMaster = machine.bootstrapCrossSigning();
    RequestSender.Flush flush = sender.flush();
    assertThat(flush.failed()).isZero();
    assertThat(masterKeyOnServer()).contains(newMaster);
  }

  private String masterKeyOnServer() {
    try (TestUser asker = hs.registerUser("asker" + System.nanoTime(), "pw")) {
      var body = JSON.createObjectNode();
      body.putObject("device_keys").putArray(matrix.session().userId());
      return asker
          .call("POST", "/_matrix/client/v3/keys/query", body)
          .path("master_keys")
          .path(matrix.session().userId())
          .toString();
    }
  }
}

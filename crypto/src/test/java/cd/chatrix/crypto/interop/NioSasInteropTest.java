package cd.chatrix.crypto.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.CanonicalJson;
import cd.chatrix.crypto.DeviceListChanges;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.verification.SasEmoji;
import cd.chatrix.crypto.verification.VerificationState;
import cd.chatrix.crypto.verification.VerificationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SAS verification started by matrix-nio 0.20 (Debian python3-matrix-nio), which begins with a bare
 * {@code m.key.verification.start} and uses the original {@code hkdf-hmac-sha256} MAC. The bot
 * accepts, both sides show the same emoji, and each ends up trusting the other.
 */
class NioSasInteropTest {
  private static final String BOT = BotBesideLibOlm.BOT;
  private static final String NIO = "@nio:test";

  private BotBesideLibOlm peers;
  private LibOlmOracle nio;
  private OlmMachine bot;

  @BeforeEach
  void setUp() {
    peers = new BotBesideLibOlm(NIO, "NIODEV", this::answer);
    nio = peers.libolm;
    bot = peers.bot;
    peers.serve();
  }

  @AfterEach
  void tearDown() {
    peers.close();
  }

  private JsonNode answer(OutgoingRequest r) {
    ObjectNode resp = CanonicalJson.object();
    switch (r) {
      case OutgoingRequest.KeysQuery q -> {
        ObjectNode keys = resp.putObject("device_keys");
        if (q.body().path("device_keys").has(NIO)) {
          keys.putObject(NIO).set("NIODEV", peers.device.get("device_keys"));
        }
      }
      case OutgoingRequest.ToDevice _ -> {} // BotBesideLibOlm keeps it
      default -> resp.putObject("one_time_key_counts").put("signed_curve25519", 25);
    }
    return resp;
  }

  private void deliverToBot(JsonNode message) {
    ObjectNode event = CanonicalJson.object();
    event.put("type", message.get("type").asString());
    event.put("sender", NIO);
    event.set("content", message.get("content"));
    bot.receiveSyncChanges(List.of(event), DeviceListChanges.NONE, Map.of(), Optional.empty());
    peers.serve();
  }

  private JsonNode lastFromBot(String type) {
    OutgoingRequest.ToDevice t =
        peers.sent.reversed().stream()
            .filter(r -> r.eventType().equals(type))
            .findFirst()
            .orElseThrow();
    ObjectNode req = nio.request("nio_sas_receive").put("type", type).put("sender", BOT);
    req.set("content", t.body().path("messages").path(NIO).path("NIODEV"));
    return nio.call(req);
  }

  @Test
  void nioStartsTheBotAcceptsAndBothEndVerified() {
    JsonNode start =
        nio.call(
            nio.request("nio_sas_start")
                .put("own_user", NIO)
                .put("own_device", "NIODEV")
                .put("other_user", BOT)
                .put("other_device", "BOTDEV")
                .put("other_ed", bot.ed25519Key())
                .put("other_curve", bot.curve25519Key()));
    String txn = start.path("content").path("transaction_id").asString();
    deliverToBot(start);
    assertThat(bot.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.REQUESTED);

    bot.acceptVerification(txn);
    peers.serve();
    JsonNode nioKey = lastFromBot("m.key.verification.accept");
    assertThat(nioKey.path("cancel").asString()).isEmpty();
    deliverToBot(nioKey);
    JsonNode nioSas = lastFromBot("m.key.verification.key");

    VerificationStatus status = bot.verification(txn).orElseThrow();
    assertThat(status.state()).isEqualTo(VerificationState.SHOW_SAS);
    List<Integer> emoji = new ArrayList<>();
    nioSas.path("emoji").forEach(n -> emoji.add(n.asInt()));
    assertThat(status.emoji()).extracting(SasEmoji.Emoji::index).isEqualTo(emoji);
    List<Integer> decimals = new ArrayList<>();
    nioSas.path("decimals").forEach(n -> decimals.add(n.asInt()));
    assertThat(status.decimals()).isEqualTo(decimals);

    deliverToBot(nio.call(nio.request("nio_sas_confirm")));
    bot.confirmVerification(txn);
    peers.serve();
    JsonNode nioResult = lastFromBot("m.key.verification.mac");
    assertThat(nioResult.path("verified").asBoolean()).as("nio accepted our MAC").isTrue();
    assertThat(bot.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.DONE);
    assertThat(bot.devices(NIO)).extracting(Device::trust).containsExactly(LocalTrust.VERIFIED);
  }

  @Test
  void theBotStartsWithoutARequestAndNioAccepts() {
    String txn = bot.startSasVerification(NIO, "NIODEV");
    peers.serve();
    OutgoingRequest.ToDevice start =
        peers.sent.stream()
            .filter(t -> t.eventType().equals("m.key.verification.start"))
            .findFirst()
            .orElseThrow();
    ObjectNode incoming =
        nio.request("nio_sas_incoming")
            .put("own_user", NIO)
            .put("own_device", "NIODEV")
            .put("other_user", BOT)
            .put("other_device", "BOTDEV")
            .put("other_ed", bot.ed25519Key())
            .put("other_curve", bot.curve25519Key());
    incoming.set("content", start.body().path("messages").path(NIO).path("NIODEV"));
    deliverToBot(nio.call(incoming));

    JsonNode nioAfterKey = lastFromBot("m.key.verification.key");
    deliverToBot(nioAfterKey);
    VerificationStatus status = bot.verification(txn).orElseThrow();
    assertThat(status.state()).isEqualTo(VerificationState.SHOW_SAS);
    List<Integer> emoji = new ArrayList<>();
    nioAfterKey.path("emoji").forEach(n -> emoji.add(n.asInt()));
    assertThat(status.emoji()).extracting(SasEmoji.Emoji::index).isEqualTo(emoji);

    bot.confirmVerification(txn);
    peers.serve();
    deliverToBot(nio.call(nio.request("nio_sas_confirm")));
    assertThat(lastFromBot("m.key.verification.mac").path("verified").asBoolean()).isTrue();
    assertThat(bot.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.DONE);
    assertThat(bot.devices(NIO)).extracting(Device::trust).containsExactly(LocalTrust.VERIFIED);
  }
}

package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.adapter.matrix.SenderCheck;
import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.matrix.sync.RoomEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeviceTrustCheckTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static RoomEvent clearMessage() {
    var raw =
        JSON.createObjectNode()
            .put("event_id", "$e")
            .put("type", "m.room.message")
            .put("sender", "@a:x");
    raw.putObject("content").put("msgtype", "m.text").put("body", "!cd run 1 1");
    return new RoomEvent(
        "!r:x",
        "$e",
        "m.room.message",
        "@a:x",
        0,
        Optional.empty(),
        raw.get("content"),
        raw,
        false);
  }

  @Test
  void underAllEveryDeviceIsTrusted() {
    SenderCheck check = DeviceTrustCheck.of(MatrixConfig.TrustPolicy.ALL, Optional.empty());
    assertThat(check.of(clearMessage())).isEqualTo(SenderTrust.TRUSTED);
  }

  @Test
  void underVerifiedAnEventSentInTheClearNamesNoDevice() {
    SenderCheck check = DeviceTrustCheck.of(MatrixConfig.TrustPolicy.VERIFIED, Optional.empty());
    assertThat(check.of(clearMessage())).isEqualTo(new SenderTrust.Unauthenticated(true));
  }

  @Test
  void aSenderIsFoundOnlyForTheEventTheBridgeDecryptedNotForOneThatReusesItsId() {
    var senders = new DecryptedSenders();
    RoomEvent encrypted = clearMessage();
    RoomEvent clear = clearMessage();
    senders.remember(
        encrypted,
        clear,
        new cd.chatrix.crypto.DecryptionResult.Decrypted(
            "m.room.message",
            clear.content(),
            "curve",
            Optional.of("LAPTOP"),
            cd.chatrix.crypto.SenderTrust.VERIFIED,
            0));

    assertThat(senders.of(clear))
        .contains(
            new DecryptedSenders.Sender(
                Optional.of("LAPTOP"), cd.chatrix.crypto.SenderTrust.VERIFIED));
    // Same id and the same JSON, but not the object the bridge handed out.
    assertThat(senders.of(clearMessage())).isEmpty();
  }
}

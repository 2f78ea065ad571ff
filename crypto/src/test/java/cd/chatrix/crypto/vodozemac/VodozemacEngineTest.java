package cd.chatrix.crypto.vodozemac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.OlmMessage;
import org.junit.jupiter.api.Test;

class VodozemacEngineTest {
  private final CryptoEngine engine = new VodozemacEngine();

  @Test
  void olmFirstMessageIsPreKeyAndRepliesAreNormal() {
    try (var alice = engine.newAccount();
        var bob = engine.newAccount()) {
      bob.generateOneTimeKeys(1);
      var out =
          alice.createOutboundSession(
              bob.curve25519Key(), bob.oneTimeKeys().values().iterator().next());
      OlmMessage m = out.encrypt("hi");
      assertThat(m.type()).isEqualTo(OlmMessage.PRE_KEY);
      var in = bob.createInboundSession(alice.curve25519Key(), m.body());
      assertThat(in.session().sessionId()).isEqualTo(out.sessionId());
      assertThat(out.matchesPreKeyMessage(m.body())).isTrue();
      OlmMessage reply = in.session().encrypt("back");
      assertThat(reply.type()).isEqualTo(OlmMessage.NORMAL);
      assertThat(out.decrypt(reply)).isEqualTo("back");
      // The one-time key was consumed by the inbound session.
      assertThat(bob.oneTimeKeys()).isEmpty();
    }
  }

  @Test
  void megolmTamperingIsDetected() {
    try (var out = engine.newOutboundGroupSession();
        var in = engine.newInboundGroupSession(out.sessionKey())) {
      String c = out.encrypt("secret");
      String tampered = (c.charAt(10) == 'A' ? "B" : "A");
      String broken = c.substring(0, 10) + tampered + c.substring(11);
      assertThatThrownBy(() -> in.decrypt(broken)).isInstanceOf(CryptoException.class);
      assertThat(in.decrypt(c).plaintext()).isEqualTo("secret");
    }
  }

  @Test
  void exportedSessionKeyStartsAtTheRequestedIndex() {
    try (var out = engine.newOutboundGroupSession();
        var in = engine.newInboundGroupSession(out.sessionKey())) {
      String c0 = out.encrypt("a");
      String c1 = out.encrypt("b");
      try (var forwarded = engine.importInboundGroupSession(in.exportAt(1))) {
        assertThat(forwarded.firstKnownIndex()).isEqualTo(1);
        assertThat(forwarded.decrypt(c1).plaintext()).isEqualTo("b");
        assertThatThrownBy(() -> forwarded.decrypt(c0)).isInstanceOf(CryptoException.class);
      }
    }
  }

  @Test
  void signaturesVerifyAndForgeriesDoNot() {
    try (var account = engine.newAccount();
        var key = engine.newSigningKey()) {
      String sig = account.sign("{\"a\":1}");
      assertThat(engine.verifyEd25519(account.ed25519Key(), "{\"a\":1}", sig)).isTrue();
      assertThat(engine.verifyEd25519(account.ed25519Key(), "{\"a\":2}", sig)).isFalse();
      assertThat(engine.verifyEd25519("not-a-key", "{}", sig)).isFalse();
      try (var restored = engine.signingKeyFromSeed(key.seed())) {
        assertThat(restored.publicKey()).isEqualTo(key.publicKey());
        assertThat(engine.verifyEd25519(key.publicKey(), "m", restored.sign("m"))).isTrue();
      }
    }
  }

  @Test
  void sasBothSidesAgreeOnEmojiDecimalsAndMacs() {
    try (var a = engine.newSas();
        var b = engine.newSas()) {
      var ea = a.establish(b.publicKey());
      var eb = b.establish(a.publicKey());
      assertThat(ea.emojiIndices("info")).hasSize(7).isEqualTo(eb.emojiIndices("info"));
      assertThat(ea.decimals("info")).hasSize(3).allMatch(d -> d >= 1000 && d <= 9191);
      String mac = ea.calculateMac("key", "macinfo");
      assertThat(eb.verifyMac("key", "macinfo", mac)).isTrue();
      assertThat(eb.verifyMac("other", "macinfo", mac)).isFalse();
    }
  }

  @Test
  void pkEncryptionRoundTripsThroughTheBackupKey() {
    try (var dec = engine.newPkDecryption();
        var enc = engine.pkEncryption(dec.publicKey())) {
      var msg = enc.encrypt("{\"session_key\":\"x\"}");
      assertThat(dec.decrypt(msg)).isEqualTo("{\"session_key\":\"x\"}");
      try (var restored = engine.pkDecryptionFromSecret(dec.secretKey())) {
        assertThat(restored.publicKey()).isEqualTo(dec.publicKey());
      }
    }
  }
}

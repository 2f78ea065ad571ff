package cd.chatrix.crypto.vodozemac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.OlmMessage;
import cd.chatrix.crypto.engine.PickleKey;
import org.junit.jupiter.api.Test;

class PicklesTest {
  private final CryptoEngine engine = new VodozemacEngine();
  private final PickleKey key = PickleKey.random();

  @Test
  void accountSurvivesARoundTripWithItsKeys() {
    try (var account = engine.newAccount()) {
      account.generateOneTimeKeys(3);
      String pickle = account.pickle(key);
      try (var restored = engine.unpickleAccount(pickle, key)) {
        assertThat(restored.curve25519Key()).isEqualTo(account.curve25519Key());
        assertThat(restored.ed25519Key()).isEqualTo(account.ed25519Key());
        assertThat(restored.oneTimeKeys()).isEqualTo(account.oneTimeKeys()).hasSize(3);
      }
    }
  }

  @Test
  void olmSessionSurvivesARoundTripAndKeepsRatcheting() {
    try (var alice = engine.newAccount();
        var bob = engine.newAccount()) {
      bob.generateOneTimeKeys(1);
      String otk = bob.oneTimeKeys().values().iterator().next();
      var out = alice.createOutboundSession(bob.curve25519Key(), otk);
      OlmMessage first = out.encrypt("one");
      var in = bob.createInboundSession(alice.curve25519Key(), first.body());
      assertThat(in.plaintext()).isEqualTo("one");

      var restoredOut = engine.unpickleSession(out.pickle(key), key);
      var restoredIn = engine.unpickleSession(in.session().pickle(key), key);
      assertThat(restoredOut.sessionId()).isEqualTo(out.sessionId());
      assertThat(restoredIn.decrypt(restoredOut.encrypt("two"))).isEqualTo("two");
      assertThat(restoredOut.decrypt(restoredIn.encrypt("three"))).isEqualTo("three");
    }
  }

  @Test
  void groupSessionsSurviveARoundTrip() {
    try (var out = engine.newOutboundGroupSession()) {
      var in = engine.newInboundGroupSession(out.sessionKey());
      String c0 = out.encrypt("zero");
      var restoredOut = engine.unpickleOutboundGroupSession(out.pickle(key), key);
      assertThat(restoredOut.messageIndex()).isEqualTo(1);
      String c1 = restoredOut.encrypt("one");
      var restoredIn = engine.unpickleInboundGroupSession(in.pickle(key), key);
      assertThat(restoredIn.sessionId()).isEqualTo(out.sessionId());
      assertThat(restoredIn.decrypt(c0).plaintext()).isEqualTo("zero");
      assertThat(restoredIn.decrypt(c1).messageIndex()).isEqualTo(1);
    }
  }

  @Test
  void aWrongPickleKeyIsRejectedWithoutEchoingTheKey() {
    try (var account = engine.newAccount()) {
      String pickle = account.pickle(key);
      assertThatThrownBy(() -> engine.unpickleAccount(pickle, PickleKey.random()))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("pickle key does not match")
          .hasMessageNotContaining(pickle);
    }
  }

  @Test
  void picklesAreSealedSoNoKeyMaterialIsReadable() {
    try (var account = engine.newAccount()) {
      String pickle = account.pickle(key);
      assertThat(pickle).startsWith("cdp1:");
      byte[] sealed = java.util.Base64.getDecoder().decode(pickle.substring(5));
      assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("signing_key")
          .doesNotContain(account.curve25519Key());
    }
  }

  @Test
  void aPickleOfOneKindCannotBeRestoredAsAnother() {
    try (var out = engine.newOutboundGroupSession()) {
      String pickle = out.pickle(key);
      assertThatThrownBy(() -> engine.unpickleAccount(pickle, key))
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void pickleKeyNeverPrintsItsBytes() {
    assertThat(key.toString()).isEqualTo("PickleKey[redacted]");
    assertThatThrownBy(() -> PickleKey.of(new byte[16])).hasMessageContaining("32 bytes");
  }
}

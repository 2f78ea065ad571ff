package cd.chatrix.crypto.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private final PickleKey key = PickleKey.random();
  private final byte[] secret = "seed-bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealsAndOpensWithTheSameKeyAndKind() {
    String sealed = SecretBox.seal(secret, key, "signing key");
    assertThat(sealed).startsWith("cdp1:").doesNotContain("seed-bytes");
    assertThat(SecretBox.open(sealed, key, "signing key")).isEqualTo(secret);
    assertThat(SecretBox.seal(secret, key, "signing key")).isNotEqualTo(sealed);
  }

  @Test
  void refusesAnotherKeyAnotherKindOrTampering() {
    String sealed = SecretBox.seal(secret, key, "signing key");
    assertThatThrownBy(() -> SecretBox.open(sealed, PickleKey.random(), "signing key"))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("pickle key does not match");
    assertThatThrownBy(() -> SecretBox.open(sealed, key, "account"))
        .isInstanceOf(CryptoException.class);
    String tampered =
        sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
    assertThatThrownBy(() -> SecretBox.open(tampered, key, "signing key"))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> SecretBox.open("plain", key, "signing key"))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("sealed format");
  }

  @Test
  void opensAValueSealedBeforeCiphersWereReusedAndOpenedValuesRemembered() {
    // Sealed by the SecretBox of commit 009a724 under the key 01..20 (hex): the stored format
    // must stay readable by every later version.
    byte[] raw = new byte[32];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (i + 1);
    }
    String stored = "cdp1:8ogiMkt2f240CKs1MF81p70QNsIdDI4PqwPVHBJ58h5qEkO5rqe18saZQmMxKimMjHcn";
    byte[] expected = "sealed before the cache".getBytes(StandardCharsets.UTF_8);
    assertThat(SecretBox.open(stored, PickleKey.of(raw), "outbound group session"))
        .isEqualTo(expected);
    assertThat(SecretBox.openRemembered(stored, PickleKey.of(raw), "outbound group session"))
        .isEqualTo(expected);
  }

  @Test
  void aReusedCipherNeverRepeatsANonceAndSurvivesAFailedOpen() {
    String sealed = SecretBox.seal(secret, key, "signing key");
    assertThatThrownBy(() -> SecretBox.open(sealed, PickleKey.random(), "signing key"))
        .isInstanceOf(CryptoException.class);
    java.util.Set<String> nonces = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      String again = SecretBox.seal(secret, key, "signing key");
      assertThat(nonces.add(again.substring(0, 21))).isTrue();
      assertThat(SecretBox.open(again, key, "signing key")).isEqualTo(secret);
    }
  }
}

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
}

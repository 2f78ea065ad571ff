package cd.chatrix.crypto.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The pickle key's cache of opened values: it may save AES work, never change an answer. */
class OpenedSecretsTest {
  private static final String KIND = "inbound group session";
  private final PickleKey key = PickleKey.random();

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRememberedValueIsServedFromTheCacheAsACopy() {
    String sealed = SecretBox.seal(text("ratchet state"), key, KIND);
    byte[] first = SecretBox.openRemembered(sealed, key, KIND);
    assertThat(key.opened.size()).isEqualTo(1);
    Arrays.fill(first, (byte) 0); // the caller zeroes its copy...
    assertThat(SecretBox.openRemembered(sealed, key, KIND)).isEqualTo(text("ratchet state"));
    assertThat(key.opened.size()).isEqualTo(1); // ...and the second open was a hit
  }

  @Test
  void aWrongKeyStillFailsAfterTheRightKeyOpenedTheValue() {
    String sealed = SecretBox.sealRemembered(text("secret"), key, KIND);
    SecretBox.openRemembered(sealed, key, KIND);
    assertThatThrownBy(() -> SecretBox.openRemembered(sealed, PickleKey.random(), KIND))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("pickle key does not match");
    assertThatThrownBy(() -> SecretBox.openRemembered(sealed, key, "account"))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void aValueAnotherInstanceStoredIsReadFromTheStoreNotFromMemory() {
    PickleKey otherInstance = PickleKey.of(key.bytes());
    String mine = SecretBox.sealRemembered(text("index 5"), key, KIND);
    assertThat(SecretBox.openRemembered(mine, key, KIND)).isEqualTo(text("index 5"));

    String theirs = SecretBox.sealRemembered(text("index 9"), otherInstance, KIND);
    assertThat(SecretBox.openRemembered(theirs, key, KIND)).isEqualTo(text("index 9"));
    assertThat(SecretBox.openRemembered(mine, key, KIND)).isEqualTo(text("index 5"));
  }

  @Test
  void theCacheStaysWithinItsBoundsAndZeroesWhatLeaves() {
    String firstSealed = SecretBox.sealRemembered(text("first secret"), key, KIND);
    byte[] firstStored = key.opened.peekForTest(KIND, firstSealed);
    for (int i = 0; i < OpenedSecrets.MAX_ENTRIES + 10; i++) {
      SecretBox.sealRemembered(text("secret " + i), key, KIND);
    }
    assertThat(key.opened.size()).isEqualTo(OpenedSecrets.MAX_ENTRIES);
    assertThat(key.opened.peekForTest(KIND, firstSealed)).isNull();
    assertThat(firstStored).containsOnly((byte) 0);
    // Evicted is only slower: the value still opens from its sealed form.
    assertThat(SecretBox.openRemembered(firstSealed, key, KIND)).isEqualTo(text("first secret"));

    PickleKey fresh = PickleKey.random();
    byte[] big = new byte[OpenedSecrets.MAX_BYTES / 24];
    Arrays.fill(big, (byte) 'x');
    for (int i = 0; i < 20; i++) {
      SecretBox.sealRemembered(big, fresh, "account " + i);
      assertThat(fresh.opened.bytes()).isLessThanOrEqualTo(OpenedSecrets.MAX_BYTES);
    }
    assertThat(fresh.opened.size()).isBetween(2, 19); // the byte bound, not the count, evicted
  }

  @Test
  void aForgottenValueIsZeroedAndStillOpensFromItsSealedForm() {
    String sealed = SecretBox.sealRemembered(text("superseded"), key, KIND);
    byte[] stored = key.opened.peekForTest(KIND, sealed);
    SecretBox.forget(sealed, key, KIND);
    assertThat(stored).containsOnly((byte) 0);
    assertThat(key.opened.size()).isZero();
    assertThat(SecretBox.openRemembered(sealed, key, KIND)).isEqualTo(text("superseded"));
  }

  @Test
  void aHugeValueIsNotRememberedAtAll() {
    byte[] huge = new byte[OpenedSecrets.MAX_BYTES / 4];
    String sealed = SecretBox.sealRemembered(huge, key, KIND);
    assertThat(key.opened.size()).isZero();
    assertThat(SecretBox.openRemembered(sealed, key, KIND)).isEqualTo(huge);
  }
}

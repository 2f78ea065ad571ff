package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RecoveryKeyTest {

  @Test
  void roundTripsAndLooksLikeOtherClientsKeys() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String encoded = RecoveryKey.encode(key);
    assertThat(encoded)
        .startsWith("E")
        .matches("([1-9A-HJ-NP-Za-km-z]{4} )+[1-9A-HJ-NP-Za-km-z]{1,4}");
    assertThat(RecoveryKey.decode(encoded)).isEqualTo(key);
    assertThat(RecoveryKey.decode(encoded.replace(" ", ""))).isEqualTo(key);
  }

  @Test
  void anAllZeroKeyStillHasTheFullLength() {
    assertThat(RecoveryKey.decode(RecoveryKey.encode(new byte[32]))).isEqualTo(new byte[32]);
  }

  @Test
  void aTypoIsCaughtByTheParityByte() {
    String encoded = RecoveryKey.encode(new byte[32]);
    char last = encoded.charAt(encoded.length() - 1);
    String typo = encoded.substring(0, encoded.length() - 1) + (last == '2' ? '3' : '2');
    assertThatThrownBy(() -> RecoveryKey.decode(typo))
        .hasMessageContaining("not a valid recovery key");
    assertThatThrownBy(() -> RecoveryKey.decode("0OIl")).hasMessageContaining("base58");
  }
}

package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.interop.LibOlmOracle;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AttachmentCryptoTest {
  private static final byte[] LOG =
      "TASK [deploy] ok=12 changed=3\n".repeat(200).getBytes(StandardCharsets.UTF_8);

  @Test
  void roundTripsAndDescribesTheFileAsTheSpecSays() {
    var enc = AttachmentCrypto.encrypt(LOG);
    assertThat(enc.ciphertext()).isNotEqualTo(LOG).hasSameSizeAs(LOG);
    JsonNode file = enc.fileWithUrl("mxc://test/abc");
    assertThat(file.path("v").asString()).isEqualTo("v2");
    assertThat(file.path("url").asString()).isEqualTo("mxc://test/abc");
    assertThat(file.path("key").path("alg").asString()).isEqualTo("A256CTR");
    assertThat(file.path("key").path("k").asString()).doesNotContain("=", "+", "/");
    byte[] iv = Base64.getDecoder().decode(file.path("iv").asString());
    assertThat(iv).hasSize(16).endsWith(new byte[8]);
    assertThat(AttachmentCrypto.decrypt(enc.ciphertext(), file)).isEqualTo(LOG);
  }

  @Test
  void anAlteredFileIsRefused() {
    var enc = AttachmentCrypto.encrypt(LOG);
    byte[] altered = enc.ciphertext().clone();
    altered[5] ^= 1;
    assertThatThrownBy(() -> AttachmentCrypto.decrypt(altered, enc.file()))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("altered");
  }

  @Test
  void matrixNioReadsOursAndWeReadNios() {
    try (LibOlmOracle oracle = LibOlmOracle.start()) {
      var enc = AttachmentCrypto.encrypt(LOG);
      var req =
          oracle
              .request("attachment_decrypt")
              .put("ciphertext", Base64.getEncoder().encodeToString(enc.ciphertext()));
      req.set("file", enc.file());
      assertThat(Base64.getDecoder().decode(oracle.call(req).get("plaintext").asString()))
          .isEqualTo(LOG);

      JsonNode theirs =
          oracle.call(
              oracle
                  .request("attachment_encrypt")
                  .put("plaintext", Base64.getEncoder().encodeToString(LOG)));
      byte[] ciphertext = Base64.getDecoder().decode(theirs.get("ciphertext").asString());
      assertThat(AttachmentCrypto.decrypt(ciphertext, theirs.get("file"))).isEqualTo(LOG);
    }
  }
}

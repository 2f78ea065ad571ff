package cd.chatrix.crypto.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.Sas;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SAS against libolm's {@code olm.Sas} (what matrix-nio uses): the same key agreement gives the
 * same short string and the same MACs in both encodings.
 */
class LibOlmSasInteropTest {
  private static LibOlmOracle libolm;

  @BeforeAll
  static void startOracle() {
    libolm = LibOlmOracle.start();
  }

  @AfterAll
  static void stopOracle() {
    libolm.close();
  }

  @Test
  void emojiDecimalsAndMacsAgreeWithLibolm() {
    String info = "MATRIX_KEY_VERIFICATION_SAS|@a:x|A|k1|@b:x|B|k2|txn";
    try (Sas ours = new VodozemacEngine().newSas()) {
      String theirKey = libolm.call(libolm.request("sas_new")).get("public_key").asString();
      JsonNode theirs =
          libolm.call(
              libolm
                  .request("sas_compute")
                  .put("their_key", ours.publicKey())
                  .put("info", info)
                  .put("mac_input", "ed25519key")
                  .put("mac_info", "MATRIX_KEY_VERIFICATION_MACinfo"));
      try (Sas.Established shared = ours.establish(theirKey)) {
        int[] bytes = new int[6];
        for (int i = 0; i < 6; i++) {
          bytes[i] = theirs.get("bytes").get(i).asInt();
        }
        assertThat(shared.emojiIndices(info)).isEqualTo(emojiFromBytes(bytes));
        assertThat(shared.decimals(info)).isEqualTo(decimalsFromBytes(bytes));
        assertThat(shared.calculateMac("ed25519key", "MATRIX_KEY_VERIFICATION_MACinfo"))
            .isEqualTo(theirs.get("mac_v2").asString());
        assertThat(shared.calculateMacLegacy("ed25519key", "MATRIX_KEY_VERIFICATION_MACinfo"))
            .isEqualTo(theirs.get("mac_legacy").asString());
      }
    }
  }

  /** The spec's split: seven 6-bit numbers from the first 42 bits. */
  private static List<Integer> emojiFromBytes(int[] b) {
    long bits = 0;
    for (int i = 0; i < 6; i++) {
      bits = (bits << 8) | b[i];
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      out.add((int) ((bits >> (48 - 6 * (i + 1))) & 0x3f));
    }
    return out;
  }

  /** The spec's split: three 13-bit numbers from the first 39 bits, plus 1000. */
  private static List<Integer> decimalsFromBytes(int[] b) {
    return List.of(
        ((b[0] << 5) | (b[1] >> 3)) + 1000,
        (((b[1] & 0x7) << 10) | (b[2] << 2) | (b[3] >> 6)) + 1000,
        (((b[3] & 0x3f) << 7) | (b[4] >> 1)) + 1000);
  }
}

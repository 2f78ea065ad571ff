package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.config.Secret;
import cd.chatrix.crypto.engine.PickleKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickleKeysTest {
  @TempDir Path dir;

  @Test
  void generatesAnOwnerOnlyKeyFileOnceAndReadsItBack() throws Exception {
    Path store = dir.resolve("store");
    PickleKey first = PickleKeys.load(Secret.NONE, store);
    Path file = store.resolve(PickleKeys.FILE_NAME);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    assertThat(PickleKeys.load(Secret.NONE, store)).isEqualTo(first);
  }

  @Test
  void tightensAKeyFileOthersCouldRead() throws Exception {
    PickleKey first = PickleKeys.load(Secret.NONE, dir);
    Path file = dir.resolve(PickleKeys.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(PickleKeys.load(Secret.NONE, dir)).isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void aConfiguredKeyWinsAndNoFileIsWritten() {
    byte[] raw = new byte[32];
    raw[0] = 7;
    PickleKey expected = PickleKey.of(raw);
    assertThat(PickleKeys.load(Secret.of(Base64.getEncoder().encodeToString(raw)), dir))
        .isEqualTo(expected);
    assertThat(
            PickleKeys.load(
                Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)), dir))
        .isEqualTo(expected);
    assertThat(PickleKeys.load(Secret.of(HexFormat.of().formatHex(raw)), dir)).isEqualTo(expected);
    assertThat(dir.resolve(PickleKeys.FILE_NAME)).doesNotExist();
  }

  @Test
  void aPassphraseGivesAStableKeyOfItsOwn() {
    PickleKey a = PickleKeys.load(Secret.of("correct horse battery staple"), dir);
    assertThat(PickleKeys.load(Secret.of("correct horse battery staple"), dir)).isEqualTo(a);
    assertThat(PickleKeys.load(Secret.of("another passphrase"), dir)).isNotEqualTo(a);
  }

  @Test
  void aDamagedKeyFileIsReportedWithoutItsContent() throws Exception {
    Files.writeString(dir.resolve(PickleKeys.FILE_NAME), "not-a-key-SECRETISH\n");
    assertThatThrownBy(() -> PickleKeys.load(Secret.NONE, dir))
        .hasMessageContaining("does not hold a 32-byte base64 key")
        .hasMessageNotContaining("SECRETISH");
  }
}

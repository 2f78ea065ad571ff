package cd.chatrix.crypto.vodozemac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cd.chatrix.crypto.engine.CryptoEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vodozemac's native library is mapped from one file however many of the binding's classes are in
 * use (each of them used to extract and load a copy of its own), and that file is gone from the
 * disk once loaded. Reads {@code /proc/self/maps}, so it runs on Linux, where the bot runs.
 */
class VodozemacLoadsOnceTest {
  private static final Path MAPS = Path.of("/proc/self/maps");

  @Test
  void everyPartOfTheBindingSharesOneLoadedLibrary() throws IOException {
    assumeTrue(Files.isReadable(MAPS), "needs /proc/self/maps (Linux)");
    CryptoEngine engine = new VodozemacEngine();
    // Accounts, Olm and Megolm sessions, keys, signatures, SAS and pk: most of the binding classes.
    try (var alice = engine.newAccount();
        var bob = engine.newAccount();
        var group = engine.newOutboundGroupSession();
        var inbound = engine.newInboundGroupSession(group.sessionKey());
        var sas = engine.newSas();
        var pk = engine.newPkDecryption()) {
      bob.generateOneTimeKeys(1);
      var olm =
          alice.createOutboundSession(
              bob.curve25519Key(), bob.oneTimeKeys().values().iterator().next());
      assertThat(inbound.decrypt(group.encrypt("hello")).plaintext()).isEqualTo("hello");
      assertThat(engine.verifyEd25519(alice.ed25519Key(), "x", alice.sign("x"))).isTrue();
      assertThat(olm.encrypt("hi").body()).isNotEmpty();
      olm.close();
      assertThat(sas.publicKey()).isNotEmpty();
      assertThat(engine.pkEncryption(pk.publicKey()).encrypt("sealed")).isNotNull();
    }

    List<String> libraries =
        Files.readAllLines(MAPS).stream()
            .filter(line -> line.contains("vodozemac"))
            .map(line -> line.substring(line.indexOf('/')))
            .distinct()
            .toList();
    assertThat(libraries).as("files vodozemac is mapped from").hasSize(1);
    assertThat(libraries.getFirst()).as("its extracted copy is deleted").endsWith("(deleted)");
  }
}

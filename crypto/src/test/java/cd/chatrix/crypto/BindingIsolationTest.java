package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only the adapter package may touch the native binding, so it can be swapped in one place. */
class BindingIsolationTest {

  @Test
  void onlyTheVodozemacPackageImportsTheBinding() throws IOException {
    Path main = Path.of("src/main/java/cd/chatrix/crypto");
    assertThat(main).isDirectory();
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.startsWith(main.resolve("vodozemac")))
              .filter(BindingIsolationTest::mentionsBinding)
              .toList();
    }
    assertThat(offenders)
        .as("files outside cd.chatrix.crypto.vodozemac using de.connect2x")
        .isEmpty();
  }

  @Test
  void theAdapterPackageDoesUseIt() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/cd/chatrix/crypto/vodozemac"))) {
      assertThat(files.filter(BindingIsolationTest::mentionsBinding).count()).isPositive();
    }
  }

  private static boolean mentionsBinding(Path p) {
    try {
      return Files.readString(p).contains("de.connect2x");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.python.SystemPython;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Debian's matrix-nio, a client we did not write, talks to the test homeserver as a person while a
 * {@link TestUser} talks back: messages must flow both ways, in a room each of them created.
 */
class NioInteropTest {
  private static final String PYTHON = SystemPython.PATH;

  @TempDir Path dir;

  @Test
  void nioAndTestUserExchangeMessagesBothWays() throws Exception {
    SystemPython.require("python3-matrix-nio", "nio");
    Path script = dir.resolve("interop.py");
    try (InputStream in = getClass().getResourceAsStream("/nio/interop.py")) {
      assertThat(in).as("nio/interop.py on the test classpath").isNotNull();
      Files.copy(in, script);
    }
    Path output = dir.resolve("nio.log");
    try (TestHomeserver hs = TestHomeserver.start()) {
      TestUser java = hs.registerUser("java", "java-password");
      hs.registerUser("nio", "nio-password").close();
      String nioId = "@nio:localhost";
      String room = java.createRoom(CreateRoomOptions.named("interop").withInvitees(nioId));
      java.sendText(room, "hello from java");

      Process nio =
          new ProcessBuilder(
                  PYTHON,
                  script.toString(),
                  hs.baseUri().toString(),
                  nioId,
                  "nio-password",
                  room,
                  java.userId())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      try {
        JsonNode fromNio = java.awaitEvent(room, body("hello from nio"), Duration.ofSeconds(40));
        assertThat(fromNio.path("sender").asString()).isEqualTo(nioId);

        String nioRoom = java.awaitInvite(Duration.ofSeconds(40));
        java.join(nioRoom);
        JsonNode created =
            java.awaitEvent(nioRoom, body("nio created this"), Duration.ofSeconds(20));
        assertThat(created.path("sender").asString()).isEqualTo(nioId);
        java.sendText(nioRoom, "reply from java");

        assertThat(nio.waitFor(40, TimeUnit.SECONDS)).as("nio finished in time").isTrue();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(nio.exitValue()).as("nio exit status; its output:%n%s", log).isZero();
        assertThat(log)
            .contains(
                "LOGGED_IN", "SENT $", "RECEIVED ", "from " + java.userId(), "CREATED " + nioRoom)
            .contains("REPLY $", "DONE");
      } finally {
        nio.destroyForcibly();
      }
    }
  }

  @Test
  void twoNioClientsWithLibolmExchangeAnEncryptedMessage() throws Exception {
    SystemPython.require("python3-matrix-nio", "nio");
    Path script = dir.resolve("e2ee.py");
    try (InputStream in = getClass().getResourceAsStream("/nio/e2ee.py")) {
      assertThat(in).as("nio/e2ee.py on the test classpath").isNotNull();
      Files.copy(in, script);
    }
    Path stores = Files.createDirectories(dir.resolve("stores"));
    Path output = dir.resolve("e2ee.log");
    try (TestHomeserver hs = TestHomeserver.start()) {
      Process nio =
          new ProcessBuilder(PYTHON, script.toString(), hs.baseUri().toString(), stores.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      try {
        boolean finished = nio.waitFor(60, TimeUnit.SECONDS);
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("nio finished in time; output so far:%n%s", log).isTrue();
        assertThat(nio.exitValue()).as("nio exit status; its output:%n%s", log).isZero();
        assertThat(log).contains("SENT_ENCRYPTED $", "DECRYPTED $", "DONE");
      } finally {
        nio.destroyForcibly();
      }
      assertThat(hs.requests().stream().map(RecordedRequest::canonicalPath))
          .anyMatch(p -> p.endsWith("/keys/claim"))
          .anyMatch(p -> p.endsWith("/keys/query"))
          .anyMatch(p -> p.contains("/sendToDevice/m.room.encrypted/"));
    }
  }

  @Test
  void nioWalksTheWiderApiWithoutSchemaErrors() throws Exception {
    SystemPython.require("python3-matrix-nio", "nio");
    Path script = dir.resolve("api_tour.py");
    try (InputStream in = getClass().getResourceAsStream("/nio/api_tour.py")) {
      assertThat(in).as("nio/api_tour.py on the test classpath").isNotNull();
      Files.copy(in, script);
    }
    Path output = dir.resolve("tour.log");
    try (TestHomeserver hs = TestHomeserver.start()) {
      Process nio =
          new ProcessBuilder(PYTHON, script.toString(), hs.baseUri().toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      try {
        boolean finished = nio.waitFor(60, TimeUnit.SECONDS);
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("nio finished in time; output so far:%n%s", log).isTrue();
        assertThat(nio.exitValue()).as("nio exit status; its output:%n%s", log).isZero();
        assertThat(log).contains("OK messages from prev_batch", "OK delete_devices", "TOUR DONE");
      } finally {
        nio.destroyForcibly();
      }
    }
  }

  private static java.util.function.Predicate<JsonNode> body(String text) {
    return e -> e.path("content").path("body").asString("").equals(text);
  }
}

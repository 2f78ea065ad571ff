package cd.chatrix.crypto.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * libolm (Debian python3-olm) as an independent oracle: a Python process that answers one JSON
 * request per line. Fails loudly with install advice when the module is missing.
 */
public final class LibOlmOracle implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Process process;
  private final Writer in;
  private final BufferedReader out;

  private LibOlmOracle(Process process) {
    this.process = process;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public static LibOlmOracle start() {
    try {
      Path script = Files.createTempFile("olm-oracle", ".py");
      try (InputStream s = LibOlmOracle.class.getResourceAsStream("/olm/oracle.py")) {
        Files.write(script, s.readAllBytes());
      }
      script.toFile().deleteOnExit();
      Process p =
          new ProcessBuilder("/usr/bin/python3", script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      LibOlmOracle oracle = new LibOlmOracle(p);
      JsonNode hello = oracle.readLine();
      if (hello.has("error")) {
        oracle.close();
        throw new AssertionError(
            "The libolm oracle could not start ("
                + hello.get("error").asString()
                + "). Install Debian's python3-olm (apt-get install -y python3-olm); the tests call"
                + " /usr/bin/python3, not a pyenv python.");
      }
      return oracle;
    } catch (IOException e) {
      throw new AssertionError(
          "Could not run /usr/bin/python3 for the libolm oracle; install python3 and python3-olm.",
          e);
    }
  }

  public ObjectNode request(String op) {
    ObjectNode n = JSON.createObjectNode();
    n.put("op", op);
    return n;
  }

  public JsonNode call(ObjectNode request) {
    try {
      in.write(JSON.writeValueAsString(request));
      in.write('\n');
      in.flush();
      JsonNode reply = readLine();
      if (reply.has("error")) {
        throw new AssertionError(
            "libolm rejected " + request.get("op") + ": " + reply.get("error"));
      }
      return reply;
    } catch (IOException e) {
      throw new AssertionError("The libolm oracle stopped answering", e);
    }
  }

  private JsonNode readLine() throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new AssertionError("The libolm oracle exited; see its stderr above.");
    }
    return JSON.readTree(line);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // the process is going away anyway
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

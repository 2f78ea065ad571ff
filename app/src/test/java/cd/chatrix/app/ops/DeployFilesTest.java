package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigLoader;
import cd.chatrix.app.config.ConfigOverrides;
import cd.chatrix.app.config.ConfigProblem;
import cd.chatrix.app.config.LoadResult;
import cd.chatrix.app.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaging in deploy/ must agree with what the app writes: every path the example
 * configurations make the bot write to has to be writable under the systemd unit's
 * ProtectSystem=strict, or on a volume of the container image. These tests read the real files.
 */
class DeployFilesTest {
  private static final Path DEPLOY = locateDeploy();

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "MATRIX_HOMESERVER", "https://matrix.example.org",
          "MATRIX_USER_ID", "@bot:example.org",
          "MATRIX_PASSWORD", "pw-for-the-test",
          "SEMAPHORE_URL", "https://semaphore.example.org",
          "SEMAPHORE_API_TOKEN", "token-for-the-test",
          "CHATRIXCD_WEBHOOK_SECRET", "hook-secret-for-the-test");

  private static Path locateDeploy() {
    for (Path candidate : List.of(Path.of("deploy"), Path.of("..", "deploy"))) {
      if (Files.isRegularFile(candidate.resolve("chatrixcd.service"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("deploy/ not found from " + Path.of("").toAbsolutePath());
  }

  private static ChatrixConfig load(String name) {
    LoadResult result =
        new ConfigLoader(ENVIRONMENT, DEPLOY).load(DEPLOY.resolve(name), ConfigOverrides.none());
    assertThat(result)
        .as(() ->
            name
                + " should load: "
                + (result instanceof LoadResult.Invalid bad
                    ? bad.problems().stream().map(ConfigProblem::describe).toList()
                    : List.of()))
        .isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).config();
  }

  private static String directive(String unit, String name) {
    Matcher matcher = Pattern.compile("(?m)^" + name + "=(.*)$").matcher(unit);
    assertThat(matcher.find()).as(name + " in the unit").isTrue();
    return matcher.group(1).strip();
  }

  private static boolean under(Path path, List<Path> roots) {
    return roots.stream().anyMatch(root -> path.normalize().startsWith(root));
  }

  @Test
  void theSystemdConfigOnlyWritesWhereTheUnitAllowsIt() throws IOException {
    ChatrixConfig config = load("config.systemd.json");
    String unit = Files.readString(DEPLOY.resolve("chatrixcd.service"));
    List<Path> writable =
        Arrays.stream(directive(unit, "ReadWritePaths").split("\\s+")).map(Path::of).toList();

    assertThat(directive(unit, "ProtectSystem")).isEqualTo("strict");
    assertThat(config.matrix().storePath()).isEqualTo(Path.of("/var/lib/chatrixcd/store"));
    assertThat(under(config.matrix().storePath(), writable)).isTrue();
    assertThat(under(config.bot().logFile(), writable)).isTrue();
    assertThat(under(config.plugins().aliases().aliasesFile(), writable)).isTrue();
    // The daemon's default PID file lives in the store, and relative files in the working dir.
    assertThat(under(config.matrix().storePath().resolve("chatrixcd.pid"), writable)).isTrue();
    assertThat(under(Path.of(directive(unit, "WorkingDirectory")), writable)).isTrue();
    assertThat(directive(unit, "ExecStart"))
        .contains(" -L ")
        .endsWith("-c /etc/chatrixcd/config.json");
    assertThat(under(Path.of("/etc/chatrixcd/config.json"), writable)).isTrue();
    assertThat(config.http().webhookSecret().isPresent()).isTrue();
  }

  @Test
  void theContainerConfigOnlyWritesToVolumes() throws IOException {
    ChatrixConfig config = load("config.docker.json");
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    Matcher volume = Pattern.compile("(?m)^VOLUME \\[(.*)]$").matcher(dockerfile);
    assertThat(volume.find()).isTrue();
    List<Path> volumes =
        Arrays.stream(volume.group(1).split(","))
            .map(v -> Path.of(v.strip().replace("\"", "")))
            .toList();

    assertThat(config.matrix().storePath()).isEqualTo(Path.of("/data/store"));
    assertThat(under(config.matrix().storePath(), volumes)).isTrue();
    assertThat(under(config.bot().logFile(), volumes)).isTrue();
    assertThat(under(config.plugins().aliases().aliasesFile(), volumes)).isTrue();
    assertThat(dockerfile).contains("CMD [\"-L\", \"-c\", \"/config/config.json\"]");
    assertThat(under(Path.of("/config/config.json"), volumes)).isTrue();
    assertThat(config.http().bind()).isEqualTo("0.0.0.0");
    assertThat(dockerfile).contains("EXPOSE " + config.http().port());
  }

  @Test
  void theReplicasShareOnePostgresStoreAndOneKeyAndKeepTheirOwnFiles() throws IOException {
    Map<String, String> environment = new java.util.HashMap<>(ENVIRONMENT);
    environment.put("STORE_PASSWORD", "db-password-for-the-test");
    environment.put("CHATRIXCD_PICKLE_KEY", "ab".repeat(32));
    LoadResult result =
        new ConfigLoader(environment, DEPLOY)
            .load(DEPLOY.resolve("config.docker-ha.json"), ConfigOverrides.none());
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    ChatrixConfig config = ((LoadResult.Loaded) result).config();
    String compose = Files.readString(DEPLOY.resolve("compose.ha.yaml"));

    assertThat(config.store().type()).isEqualTo(StoreConfig.Type.POSTGRESQL);
    assertThat(config.store().password().reveal()).isEqualTo("db-password-for-the-test");
    assertThat(config.matrix().pickleKey().reveal()).isEqualTo("ab".repeat(32));
    assertThat(config.store().url()).startsWith("postgresql://postgres:5432/");
    assertThat(compose).contains("  postgres:\n", "  chatrixcd-a:\n", "  chatrixcd-b:\n");
    assertThat(compose).contains("chatrixcd-a-data:/data", "chatrixcd-b-data:/data");
    assertThat(Files.readString(DEPLOY.resolve("chatrixcd.env.example")))
        .contains("STORE_PASSWORD=", "CHATRIXCD_PICKLE_KEY=");
  }

  @Test
  void theEnvExampleNamesTheVariablesTheConfigsLeaveOut() throws IOException {
    String example = Files.readString(DEPLOY.resolve("chatrixcd.env.example"));

    for (String variable : ENVIRONMENT.keySet()) {
      assertThat(example).contains(variable + "=");
    }
  }

  /** The probe of a {@code CMD [...]} line, parsed as the JSON array Docker reads. */
  private static List<String> probe(String file, String prefix) throws IOException {
    String text = Files.readString(DEPLOY.resolve(file));
    Matcher line = Pattern.compile("(?m)^\\s*" + Pattern.quote(prefix) + "(\\[.*])$").matcher(text);
    assertThat(line.find()).as(prefix + " in " + file).isTrue();
    return Arrays.asList(
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readValue(line.group(1), String[].class));
  }

  private static int runProbe(List<String> command, int port) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CHATRIXCD_HEALTH_PORT", String.valueOf(port));
    Process process = builder.start();
    assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  @Test
  void theImageAndComposeProbeHealthzAndFailWhenItDoesNotAnswer200() throws Exception {
    List<String> image = probe("Dockerfile", "CMD ");
    List<String> compose = probe("compose.yaml", "test: ");
    assertThat(Files.readString(DEPLOY.resolve("Dockerfile")))
        .containsPattern("(?m)^HEALTHCHECK .*\\\\$");
    // Compose runs the same command; "$$" there is compose's escape for a "$" left to the shell.
    assertThat(compose.getFirst()).isEqualTo("CMD");
    assertThat(compose.subList(1, compose.size()).stream().map(a -> a.replace("$$", "$")).toList())
        .isEqualTo(image);
    assertThat(String.join(" ", image)).contains(OpsServer.HEALTH_PATH);

    java.util.concurrent.atomic.AtomicInteger status =
        new java.util.concurrent.atomic.AtomicInteger(200);
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          int code =
              exchange.getRequestURI().getPath().equals(OpsServer.HEALTH_PATH) ? status.get() : 404;
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      assertThat(runProbe(image, port)).isZero();
      status.set(503);
      assertThat(runProbe(image, port)).isNotZero();
    } finally {
      server.stop(0);
    }
    try (java.net.ServerSocket unused = new java.net.ServerSocket(0)) {
      int closedPort = unused.getLocalPort();
      unused.close();
      assertThat(runProbe(image, closedPort)).isNotZero();
    }
  }
}

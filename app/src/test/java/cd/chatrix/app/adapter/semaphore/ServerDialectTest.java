package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.TaskRequests;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.semaphore.SemaphoreClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server newer than 2.10 that leaves {@code task_params} out (its flags are all off, and the key
 * is omitempty). The simulator always sends the object, so a small fixed-answer server plays it.
 */
class ServerDialectTest {
  private static final String TEMPLATE =
      "{\"id\":7,\"project_id\":1,\"name\":\"deploy\",\"app\":\"ansible\","
          + "\"allow_override_args_in_task\":true}";

  private HttpServer server;
  private SemaphoreClient client;
  private final AtomicReference<String> version = new AtomicReference<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          calls.add(exchange.getRequestMethod() + " " + path);
          String body =
              switch (path) {
                case "/api/info" -> "{\"version\":\"" + version.get() + "\",\"ansible\":\"\"}";
                case "/api/project/1/templates" -> "[" + TEMPLATE + "]";
                case "/api/project/1/templates/7" -> TEMPLATE;
                default -> "{\"error\":\"not here\"}";
              };
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(body.startsWith("{\"error") ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    client =
        SemaphoreClient.create(
            SemaphoreRunnerTest.settings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "test-token"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void onNewerServersAMissingTaskParamsMeansNothingButArguments() {
    version.set("2.13.2-abcdef0-1740000000");
    var runner = new SemaphoreRunner(client);

    assertThat(runner.templates(1).getFirst().allowed())
        .isEqualTo(new Overrides(true, false, false, false, false, false, true));
    var withTags = TaskRequests.template(7).tags("web").build();
    assertThatThrownBy(() -> runner.start(1, withTags))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("tags");
    assertThat(calls).noneMatch(c -> c.startsWith("POST"));
  }

  @Test
  void on210TheSameTemplateOnlyGatesArguments() {
    version.set("2.10.32-d4a2713-1729512345");
    var runner = new SemaphoreRunner(client);

    assertThat(runner.templates(1).getFirst().allowed())
        .isEqualTo(new Overrides(true, true, true, true, true, true, true));
    // One request for the list: the survey (which 2.10 lists hide) is read by id when needed.
    assertThat(calls).doesNotContain("GET /api/project/1/templates/7");
    assertThat(runner.template(1, 7).allowed())
        .isEqualTo(new Overrides(true, true, true, true, true, true, true));
    assertThat(calls).contains("GET /api/project/1/templates/7");
  }

  @Test
  void theServerVersionIsAskedOnceNotPerCall() {
    version.set("2.13.2-abcdef0-1740000000");
    var runner = new SemaphoreRunner(client);

    runner.templates(1);
    runner.templates(1);
    runner.templates(1);

    assertThat(calls.stream().filter(c -> c.equals("GET /api/info"))).hasSize(1);
  }
}

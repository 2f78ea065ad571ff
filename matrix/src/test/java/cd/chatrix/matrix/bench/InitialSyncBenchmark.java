package cd.chatrix.matrix.bench;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.FixedToken;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.RetryLayer;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.room.RoomRegistry;
import cd.chatrix.matrix.sync.InMemorySyncStateStore;
import cd.chatrix.matrix.sync.SyncBatch;
import cd.chatrix.matrix.sync.SyncEngine;
import cd.chatrix.matrix.sync.SyncOptions;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How fast one large initial sync (1,000 rooms, 100,000 timeline events) is parsed and dispatched,
 * and how much heap it takes. Run: {@code java -Xmx1g -cp <test classpath>
 * cd.chatrix.matrix.bench.InitialSyncBenchmark [runs]}. Results go to docs/bench/matrix.md.
 */
public final class InitialSyncBenchmark {
  static final int ROOMS = 1_000;
  static final int EVENTS_PER_ROOM = 100;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String body = syncResponse();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "response: %d rooms, %d events, %.1f MB%n",
        ROOMS,
        ROOMS * EVENTS_PER_ROOM,
        bytes.length / 1e6);

    List<Double> parseMs = new ArrayList<>();
    List<Double> endToEndMs = new ArrayList<>();
    measureParse(bytes); // warm-up
    endToEnd(body);
    for (int i = 0; i < runs; i++) {
      parseMs.add(measureParse(bytes));
      endToEndMs.add(endToEnd(body));
    }
    double parse = median(parseMs);
    double total = median(endToEndMs);
    int events = ROOMS * EVENTS_PER_ROOM;
    System.out.printf(
        Locale.ROOT,
        "parse (bytes -> tree -> SyncBatch): median %.0f ms = %.0f events/s, runs %s%n",
        parse,
        events / (parse / 1000),
        format(parseMs));
    System.out.printf(
        Locale.ROOT,
        "end to end (HTTP /sync -> listeners -> per-room dispatch -> all handled, position committed):"
            + " median %.0f ms = %.0f events/s, runs %s%n",
        total,
        events / (total / 1000),
        format(endToEndMs));
    System.out.printf(
        Locale.ROOT, "heap retained by one parsed response: %.0f MB%n", retainedHeapMb(bytes));
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    endToEnd(body);
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.printf(
        Locale.ROOT,
        "peak heap during one end-to-end run (sum of pool peaks): %.0f MB%n",
        peak / 1e6);
    System.out.printf(
        Locale.ROOT,
        "JVM: %s %s, %d CPUs, max heap %d MB%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
  }

  static double measureParse(byte[] bytes) {
    long start = System.nanoTime();
    SyncBatch batch = SyncBatch.parse(Json.parse(bytes));
    new RoomRegistry("@bot:bench").onSync(batch);
    if (batch.timelineEventCount() != ROOMS * EVENTS_PER_ROOM) {
      throw new IllegalStateException("wrong event count " + batch.timelineEventCount());
    }
    return (System.nanoTime() - start) / 1e6;
  }

  static double endToEnd(String body) throws Exception {
    LongAdder handled = new LongAdder();
    try (FakeHttpServer server = new FakeHttpServer();
        Transports transports = new Transports(new RetryLayer(1, Backoff.DEFAULT, Sleeper.REAL))) {
      server.route(
          "POST /_matrix/client/v3/user/%40bot%3Abench/filter",
          r -> Reply.json(200, "{\"filter_id\":\"f\"}"));
      server.route(
          "GET /_matrix/client/v3/sync",
          r -> r.query().contains("since=") ? idle(r.query()) : Reply.json(200, body));
      InMemorySyncStateStore store = new InMemorySyncStateStore();
      SyncEngine engine =
          new SyncEngine(
              transports.authenticated(server.baseUri(), new FixedToken("bench")),
              "@bot:bench",
              store,
              SyncOptions.defaults().withPollTimeout(Duration.ofSeconds(1)));
      engine.addListener(new RoomRegistry("@bot:bench"));
      engine.addHandler(e -> {
        if (e.body().startsWith("!cd")) {
          handled.increment();
        }
      });
      long start = System.nanoTime();
      engine.start();
      while (store.since().isEmpty()) {
        Thread.onSpinWait();
        TimeUnit.MICROSECONDS.sleep(200);
      }
      double ms = (System.nanoTime() - start) / 1e6;
      engine.close();
      if (handled.sum() != ROOMS * EVENTS_PER_ROOM) {
        throw new IllegalStateException("handled " + handled.sum());
      }
      return ms;
    }
  }

  private static Reply idle(String query) {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Reply.json(200, "{\"next_batch\":\"s1\"}");
  }

  static double retainedHeapMb(byte[] bytes) {
    var memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    SyncBatch batch = SyncBatch.parse(Json.parse(bytes));
    System.gc();
    long after = memory.getHeapMemoryUsage().getUsed();
    if (batch.nextBatch().isEmpty()) {
      throw new IllegalStateException();
    }
    return (after - before) / 1e6;
  }

  static String syncResponse() {
    StringBuilder json = new StringBuilder(ROOMS * EVENTS_PER_ROOM * 260);
    json.append("{\"next_batch\":\"s1\",\"rooms\":{\"join\":{");
    for (int r = 0; r < ROOMS; r++) {
      if (r > 0) {
        json.append(',');
      }
      String room = "!room" + r + ":bench";
      json.append('"')
          .append(room)
          .append("\":{\"state\":{\"events\":[")
          .append(
              "{\"type\":\"m.room.name\",\"state_key\":\"\",\"sender\":\"@u:bench\",\"event_id\":\"$n")
          .append(r)
          .append("\",\"content\":{\"name\":\"Room ")
          .append(r)
          .append("\"}},")
          .append(
              "{\"type\":\"m.room.power_levels\",\"state_key\":\"\",\"sender\":\"@u:bench\",\"event_id\":\"$p")
          .append(r)
          .append("\",\"content\":{\"users\":{\"@u:bench\":100},\"events_default\":0}}")
          .append("]},\"timeline\":{\"limited\":false,\"events\":[");
      for (int e = 0; e < EVENTS_PER_ROOM; e++) {
        if (e > 0) {
          json.append(',');
        }
        json.append("{\"type\":\"m.room.message\",\"sender\":\"@user")
            .append(e % 7)
            .append(":bench\",\"event_id\":\"$ev")
            .append(r)
            .append('_')
            .append(e)
            .append("\",\"origin_server_ts\":")
            .append(1_700_000_000_000L + e)
            .append(",\"content\":{\"msgtype\":\"m.text\",\"body\":\"!cd status ")
            .append(e)
            .append(" please\",\"m.mentions\":{}},\"unsigned\":{\"age\":1234}}");
      }
      json.append("]}}");
    }
    json.append("}}}");
    return json.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String format(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
  }
}

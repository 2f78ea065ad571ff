package cd.chatrix.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.testkit.matrix.Faults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The homeserver side of the fault matrix: every endpoint the bot calls × every fault kind, each on
 * for a while and then lifted, against the real bot. Endpoints are split over a few lanes (a
 * sandbox and a bot each) that run side by side; within a lane the cells run one after another.
 * Each cell becomes one test; the whole matrix is written to {@link HomeserverFaultReport#FILE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeserverFaultMatrixTest {
  /** Endpoints per lane, in the order their cells run. */
  private static final List<Lane> LANES =
      List.of(
          Lane.password(HomeserverEndpoint.SYNC, HomeserverEndpoint.SEND, HomeserverEndpoint.EDIT),
          Lane.password(
              HomeserverEndpoint.ROOM_MEMBERS,
              HomeserverEndpoint.JOINED_ROOMS,
              HomeserverEndpoint.JOIN,
              HomeserverEndpoint.LEAVE),
          Lane.password(HomeserverEndpoint.MEDIA_UPLOAD, HomeserverEndpoint.LOGIN),
          Lane.password(
              HomeserverEndpoint.KEYS_QUERY,
              HomeserverEndpoint.KEYS_CLAIM,
              HomeserverEndpoint.TO_DEVICE,
              HomeserverEndpoint.KEYS_UPLOAD),
          // Only a login that holds a refresh token calls /refresh: a password bot logs in again.
          Lane.refreshing(HomeserverEndpoint.REFRESH));

  /** The endpoints one bot is tried on, and whether it renews by refresh (SSO) or by password. */
  private record Lane(List<HomeserverEndpoint> endpoints, boolean refreshing) {
    static Lane password(HomeserverEndpoint... endpoints) {
      return new Lane(List.of(endpoints), false);
    }

    static Lane refreshing(HomeserverEndpoint... endpoints) {
      return new Lane(List.of(endpoints), true);
    }
  }

  private final ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor();
  private final List<HomeserverLane> lanes = new ArrayList<>();
  private HomeserverLogCapture log;
  private String backoffBefore;

  @TestFactory
  Stream<DynamicNode> everyEndpointHealsAfterEveryFault() {
    backoffBefore = System.getProperty(Backoff.PROPERTY);
    System.setProperty(Backoff.PROPERTY, HomeserverCell.BACKOFF);
    log = new HomeserverLogCapture();
    Map<HomeserverEndpoint, Map<Faults.Kind, CompletableFuture<HomeserverCellResult>>> cells =
        new LinkedHashMap<>();
    List<CompletableFuture<Void>> laneRuns = new ArrayList<>();
    String only = System.getProperty("faultmatrix.lanes", "");
    for (int i = 0; i < LANES.size(); i++) {
      if (!only.isEmpty() && !only.contains(Integer.toString(i + 1))) {
        continue;
      }
      Lane lane = LANES.get(i);
      List<HomeserverEndpoint> endpoints = lane.endpoints();
      Map<HomeserverEndpoint, Map<Faults.Kind, CompletableFuture<HomeserverCellResult>>> mine =
          new LinkedHashMap<>();
      for (HomeserverEndpoint endpoint : endpoints) {
        Map<Faults.Kind, CompletableFuture<HomeserverCellResult>> row = new LinkedHashMap<>();
        for (Faults.Kind kind : Faults.Kind.values()) {
          row.put(kind, new CompletableFuture<>());
        }
        mine.put(endpoint, row);
      }
      cells.putAll(mine);
      String name = "lane " + (i + 1);
      laneRuns.add(
          CompletableFuture.runAsync(() -> runLane(name, lane.refreshing(), mine), runners));
    }
    List<DynamicNode> nodes = new ArrayList<>();
    cells.forEach((endpoint, row) ->
        nodes.add(
            DynamicContainer.dynamicContainer(
                endpoint.label(),
                row.entrySet().stream()
                    .map(cell ->
                        DynamicTest.dynamicTest(
                            cell.getKey().name(), () -> assertCell(cell.getValue()))))));
    nodes.add(DynamicTest.dynamicTest("report and stray log lines", () -> report(cells, laneRuns)));
    return nodes.stream();
  }

  private void runLane(
      String name,
      boolean refreshing,
      Map<HomeserverEndpoint, Map<Faults.Kind, CompletableFuture<HomeserverCellResult>>> cells) {
    HomeserverLane lane;
    try {
      lane = HomeserverLane.start(name, refreshing);
      synchronized (lanes) {
        lanes.add(lane);
      }
      cells.keySet().forEach(e -> e.warmUp(lane));
    } catch (RuntimeException | Error e) {
      cells.values().forEach(row -> row.values().forEach(f -> f.completeExceptionally(e)));
      return;
    }
    cells.forEach((endpoint, row) ->
        row.forEach((kind, future) -> {
          try {
            lane.awaitHealthy();
            future.complete(HomeserverCell.run(lane, endpoint, kind, log));
          } catch (RuntimeException | Error e) {
            lane.faults().clear();
            future.completeExceptionally(e);
          }
        }));
  }

  private static void assertCell(CompletableFuture<HomeserverCellResult> cell) throws Exception {
    HomeserverCellResult result = cell.get(5, TimeUnit.MINUTES);
    assertThat(result.problems())
        .as("%s × %s", result.endpoint().label(), result.fault())
        .isEmpty();
  }

  private void report(
      Map<HomeserverEndpoint, Map<Faults.Kind, CompletableFuture<HomeserverCellResult>>> cells,
      List<CompletableFuture<Void>> laneRuns)
      throws Exception {
    CompletableFuture.allOf(laneRuns.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    List<HomeserverCellResult> results = new ArrayList<>();
    cells.forEach((endpoint, row) ->
        row.forEach((kind, future) ->
            results.add(
                future
                    .exceptionally(e ->
                        new HomeserverCellResult(
                            endpoint,
                            kind,
                            java.util.OptionalLong.empty(),
                            0,
                            List.of("the cell could not run: " + e.getMessage())))
                    .join())));
    List<String> hosts;
    synchronized (lanes) {
      hosts = lanes.stream().map(HomeserverLane::host).toList();
    }
    List<String> strays =
        log.all().stream()
            .filter(HomeserverLogCapture.Line::isProblem)
            .filter(l -> hosts.stream().noneMatch(h -> l.text().contains(h)))
            .map(HomeserverLogCapture.Line::toString)
            .toList();
    List<String> notes = new ArrayList<>();
    strays.forEach(s -> notes.add("WARN/ERROR naming no homeserver: " + s));
    System.out.println(
        "Homeserver fault matrix report: " + HomeserverFaultReport.write(results, notes));
    assertThat(strays).as("warnings and errors outside any outage").isEmpty();
  }

  @AfterAll
  void stopEverything() {
    synchronized (lanes) {
      lanes.forEach(HomeserverLane::close);
    }
    runners.shutdownNow();
    if (log != null) {
      log.close();
    }
    if (backoffBefore == null) {
      System.clearProperty(Backoff.PROPERTY);
    } else {
      System.setProperty(Backoff.PROPERTY, backoffBefore);
    }
  }
}

package cd.chatrix.bench.jmh;

import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.room.RoomRegistry;
import cd.chatrix.matrix.sync.SyncBatch;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A {@code /sync} response body turned into room state: bytes to Jackson tree, {@link
 * SyncBatch#parse}, and the {@link RoomRegistry} update, as the sync engine does for every batch.
 * The per-room dispatch to event handlers is not included: it lives inside {@code SyncEngine},
 * which only takes batches from its HTTP long-poll loop (docs/bench/matrix.md measures that end to
 * end over loopback). Sizes: a typical incremental batch (1 room, 1 event), a busy one (10 × 10)
 * and a catch-up after downtime (100 × 100).
 */
public class SyncBatchBench extends QuickBench {
  /** rooms x events per room. */
  @Param({"1x1", "10x10", "100x100"})
  public String shape;

  private byte[] body;
  private RoomRegistry rooms;

  @Setup
  public void setUp() {
    String[] parts = shape.split("x");
    body =
        response(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]))
            .getBytes(StandardCharsets.UTF_8);
    rooms = new RoomRegistry("@bot:bench");
  }

  @Benchmark
  public SyncBatch parseAndApply() {
    SyncBatch batch = SyncBatch.parse(Json.parse(body));
    rooms.onSync(batch);
    return batch;
  }

  /** Same event shape as the matrix module's initial-sync benchmark. */
  static String response(int roomCount, int eventsPerRoom) {
    StringBuilder json = new StringBuilder(roomCount * (eventsPerRoom + 2) * 260);
    json.append("{\"next_batch\":\"s2\",\"rooms\":{\"join\":{");
    for (int r = 0; r < roomCount; r++) {
      if (r > 0) {
        json.append(',');
      }
      json.append("\"!room")
          .append(r)
          .append(":bench\":{\"state\":{\"events\":[")
          .append("{\"type\":\"m.room.name\",\"state_key\":\"\",\"sender\":\"@u:bench\",")
          .append("\"event_id\":\"$n")
          .append(r)
          .append("\",\"content\":{\"name\":\"Room ")
          .append(r)
          .append("\"}}]},\"timeline\":{\"limited\":false,\"events\":[");
      for (int e = 0; e < eventsPerRoom; e++) {
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
}

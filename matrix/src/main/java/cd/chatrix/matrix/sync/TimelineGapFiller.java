package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.TransportException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * When a room's timeline is "limited" (more happened than fit), fetches the missing events with
 * {@code /messages} backwards from {@code prev_batch} to our previous sync position, so commands
 * sent while the bot was down are not skipped.
 */
final class TimelineGapFiller {
  private static final Logger LOG = LoggerFactory.getLogger(TimelineGapFiller.class);
  private static final int MAX_EVENTS = 2_000;

  private final HttpTransport transport;

  TimelineGapFiller(HttpTransport transport) {
    this.transport = transport;
  }

  /** The events between {@code since} and {@code prevBatch}, oldest first. */
  List<JsonNode> missing(String roomId, String prevBatch, String since) {
    List<JsonNode> newestFirst = new ArrayList<>();
    String from = prevBatch;
    boolean complete = false;
    try {
      while (newestFirst.size() < MAX_EVENTS) {
        MatrixRequest request =
            MatrixRequest.get(
                    "/_matrix/client/v3/rooms/" + MatrixRequest.segment(roomId) + "/messages")
                .withQuery("dir", "b")
                .withQuery("from", from)
                .withQuery("to", since)
                .withQuery("limit", "100");
        JsonNode page = transport.call(request);
        JsonNode chunk = page.path("chunk");
        chunk.forEach(newestFirst::add);
        String end = Json.text(page, "end");
        if (chunk.isEmpty() || end.isEmpty() || end.equals(from)) {
          complete = true;
          break;
        }
        from = end;
      }
      if (!complete) {
        // The oldest of a longer gap are not fetched: say so rather than skip them in silence.
        LOG.warn(
            "More than {} events were missed in {} since the last sync; the older ones are"
                + " skipped (commands in them get no answer)",
            MAX_EVENTS,
            roomId);
      }
    } catch (MatrixException | TransportException e) {
      LOG.warn(
          "Could not fetch missed events of {}; some may be skipped: {}", roomId, e.getMessage());
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }
}

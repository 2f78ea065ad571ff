package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * When a room's timeline is "limited" (more happened than fit), the events between our previous
 * position and the timeline's {@code prev_batch} are fetched with {@code /messages}, forwards from
 * the previous position, one page at a time: the sync loop asks for the next page only when its
 * handlers have room, so a long gap stays on the homeserver until the bot gets to it. The spec lets
 * {@code from} and {@code to} be sync tokens (client-server API, "GET
 * /_matrix/client/v3/rooms/{roomId}/messages"), and Synapse pages forwards from one ({@code
 * PaginationHandler.get_messages}).
 */
final class TimelineGapFiller {
  /** Events per page: a page is what one room adds to the handlers' queue at a time. */
  static final int PAGE = 50;

  private final HttpTransport transport;

  TimelineGapFiller(HttpTransport transport) {
    this.transport = transport;
  }

  /** The gap of one room between {@code since} and {@code prevBatch}, not fetched yet. */
  Gap gap(String roomId, String since, String prevBatch) {
    return new Gap(roomId, since, prevBatch);
  }

  /** One room's missed events, read a page at a time, oldest first. */
  final class Gap {
    private final String roomId;
    private final String to;
    private String from;
    private boolean done;
    private int fetched;

    private Gap(String roomId, String since, String prevBatch) {
      this.roomId = roomId;
      this.from = since;
      this.to = prevBatch;
    }

    String roomId() {
      return roomId;
    }

    boolean done() {
      return done;
    }

    /** How many events the pages so far held. */
    int fetched() {
      return fetched;
    }

    /**
     * The next page, oldest first; the last page is followed by {@link #done()}. A failure leaves
     * the gap where it was: asking again repeats the same page.
     *
     * @throws cd.chatrix.matrix.http.MatrixException when the server refuses
     * @throws cd.chatrix.matrix.http.TransportException when it cannot be reached
     */
    List<JsonNode> nextPage() {
      MatrixRequest request =
          MatrixRequest.get(
                  "/_matrix/client/v3/rooms/" + MatrixRequest.segment(roomId) + "/messages")
              .withQuery("dir", "f")
              .withQuery("from", from)
              .withQuery("to", to)
              .withQuery("limit", Integer.toString(PAGE));
      JsonNode page = transport.call(request);
      List<JsonNode> events = new ArrayList<>();
      page.path("chunk").forEach(events::add);
      fetched += events.size();
      // No "end" means nothing further (the spec). An empty chunk alone does not: Synapse returns
      // one with an "end" when history visibility hid a whole page and more may follow. An "end"
      // that does not move ends it too, so a server that repeats itself cannot keep the loop here.
      String end = Json.text(page, "end");
      if (end.isEmpty() || end.equals(from)) {
        done = true;
      }
      from = end;
      return events;
    }

    /** Stops reading this gap (the server refuses it); what was not read is skipped. */
    void abandon() {
      done = true;
    }
  }
}

package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sync filter: members are lazy-loaded (a bot in large rooms does not need every member up
 * front), presence is skipped, and the timeline is capped.
 */
public final class SyncFilter {
  private SyncFilter() {}

  public static ObjectNode definition(int timelineLimit) {
    ObjectNode filter = Json.object();
    ObjectNode room = filter.putObject("room");
    room.putObject("state").put("lazy_load_members", true);
    ObjectNode timeline = room.putObject("timeline");
    timeline.put("limit", timelineLimit);
    timeline.put("lazy_load_members", true);
    filter.putObject("presence").putArray("not_types").add("*");
    return filter;
  }

  /** Uploads the filter and returns its id. */
  public static String upload(HttpTransport transport, String userId, int timelineLimit) {
    MatrixRequest request =
        MatrixRequest.postJson(
                "/_matrix/client/v3/user/" + MatrixRequest.segment(userId) + "/filter",
                definition(timelineLimit))
            .retrySafe(true);
    String id = Json.text(transport.call(request), "filter_id");
    if (id.isEmpty()) {
      throw new IllegalStateException("The homeserver returned no filter_id.");
    }
    return id;
  }
}

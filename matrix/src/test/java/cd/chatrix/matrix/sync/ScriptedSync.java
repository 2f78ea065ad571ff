package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A homeserver that answers {@code /sync} from a script: one response per {@code since} value.
 * Unknown positions get an empty answer after a short wait, like an idle long-poll. Queued faults
 * are served before the script.
 */
final class ScriptedSync implements AutoCloseable {
  final FakeHttpServer server = new FakeHttpServer();
  private final Map<String, String> responses = new ConcurrentHashMap<>();
  final Queue<Reply> faults = new ConcurrentLinkedQueue<>();

  /** Faults for the {@code /messages} page that starts at a token, served before the page. */
  final Map<String, Queue<Reply>> pageFaults = new ConcurrentHashMap<>();

  ScriptedSync() {
    server.route(
        "POST /_matrix/client/v3/user/%40bot%3Ax/filter",
        r -> Reply.json(200, "{\"filter_id\":\"f1\"}"));
    server.route(
        "GET /_matrix/client/v3/sync",
        r -> {
          Reply fault = faults.poll();
          if (fault != null) {
            return fault;
          }
          String since = param(r.query(), "since");
          String body = responses.get(since);
          if (body == null) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Reply.json(200, "{\"next_batch\":\"" + since + "\"}");
          }
          return Reply.json(200, body);
        });
  }

  /** The answer to a sync from {@code since} ("" for the first sync). */
  ScriptedSync on(String since, String nextBatch, String roomsJson) {
    responses.put(since, "{\"next_batch\":\"" + nextBatch + "\",\"rooms\":" + roomsJson + "}");
    return this;
  }

  static String timeline(String roomId, String... bodies) {
    return "\"" + roomId + "\":{\"timeline\":{\"events\":[" + events(List.of(bodies)) + "]}}";
  }

  /** A limited timeline: more happened since the last sync than {@code bodies}. */
  static String limited(String roomId, String prevBatch, String... bodies) {
    return "\""
        + roomId
        + "\":{\"timeline\":{\"limited\":true,\"prev_batch\":\""
        + prevBatch
        + "\",\"events\":["
        + events(List.of(bodies))
        + "]}}";
  }

  private static String events(List<String> bodies) {
    StringBuilder events = new StringBuilder();
    for (String body : bodies) {
      if (!events.isEmpty()) {
        events.append(',');
      }
      events
          .append("{\"event_id\":\"$")
          .append(body)
          .append("\",\"type\":\"m.room.message\",")
          .append(
              "\"sender\":\"@u:x\",\"origin_server_ts\":1,\"content\":{\"msgtype\":\"m.text\",\"body\":\"")
          .append(body)
          .append("\"}}");
    }
    return events.toString();
  }

  /**
   * Serves the events missed in {@code roomId} between {@code since} and {@code prevBatch} through
   * {@code /messages}, forwards, as Synapse pages them ({@code PaginationHandler.get_messages}): an
   * "end" with every page that has events, none once there are no more. Queued {@link #pageFaults}
   * are served first.
   */
  ScriptedSync history(String roomId, String since, String prevBatch, List<String> bodies) {
    server.route(
        "GET /_matrix/client/v3/rooms/"
            + URLEncoder.encode(roomId, StandardCharsets.UTF_8)
            + "/messages",
        r -> {
          String from = param(r.query(), "from");
          Reply fault = pageFaults.getOrDefault(from, new ConcurrentLinkedQueue<>()).poll();
          if (fault != null) {
            return fault;
          }
          if (!param(r.query(), "dir").equals("f") || !param(r.query(), "to").equals(prevBatch)) {
            return Reply.json(400, "{\"errcode\":\"M_INVALID_PARAM\",\"error\":\"script\"}");
          }
          int start = from.equals(since) ? 0 : Integer.parseInt(from.substring(1));
          int end = Math.min(bodies.size(), start + Integer.parseInt(param(r.query(), "limit")));
          if (start >= end) {
            return Reply.json(200, "{\"start\":\"" + from + "\",\"chunk\":[]}");
          }
          return Reply.json(
              200,
              "{\"start\":\""
                  + from
                  + "\",\"chunk\":["
                  + events(bodies.subList(start, end))
                  + "],\"end\":\"h"
                  + end
                  + "\"}");
        });
    return this;
  }

  static String join(String... rooms) {
    return "{\"join\":{" + String.join(",", rooms) + "}}";
  }

  static String param(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.close();
  }
}

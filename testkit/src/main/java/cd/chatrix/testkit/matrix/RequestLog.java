package cd.chatrix.testkit.matrix;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Keeps every request for assertions, with credentials masked before they are stored. */
final class RequestLog {
  private static final int MAX = 20_000;
  private static final Pattern SECRET_FIELDS =
      Pattern.compile(
          "(\"(?:password|token|refresh_token|access_token|client_secret)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern SECRET_QUERY = Pattern.compile("(access_token=)[^&]*");

  private final List<RecordedRequest> requests = new ArrayList<>();

  void record(String method, String path, String query, Headers headers, byte[] body) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) ->
        copy.put(
            name,
            name.equalsIgnoreCase("Authorization") ? List.of("<redacted>") : List.copyOf(values)));
    String text = new String(body, StandardCharsets.UTF_8);
    String masked = SECRET_FIELDS.matcher(text).replaceAll("$1\"<redacted>\"");
    String maskedQuery = SECRET_QUERY.matcher(query).replaceAll("$1<redacted>");
    RecordedRequest request =
        new RecordedRequest(method, path, maskedQuery, Map.copyOf(copy), masked, Instant.now());
    synchronized (requests) {
      if (requests.size() >= MAX) {
        requests.removeFirst();
      }
      requests.add(request);
    }
  }

  List<RecordedRequest> snapshot() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  void clear() {
    synchronized (requests) {
      requests.clear();
    }
  }
}

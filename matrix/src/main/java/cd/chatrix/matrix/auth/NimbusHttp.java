package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lets Nimbus build and parse OAuth messages while our transport (and its retries) sends them. */
final class NimbusHttp {
  private NimbusHttp() {}

  static HTTPResponse send(HttpTransport transport, HTTPRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    String contentType = "";
    for (Map.Entry<String, List<String>> h : request.getHeaderMap().entrySet()) {
      if (h.getValue().isEmpty()) {
        continue;
      }
      if (h.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = h.getValue().getFirst();
      } else {
        headers.put(h.getKey(), h.getValue().getFirst());
      }
    }
    String body = request.getBody() == null ? "" : request.getBody();
    boolean get = request.getMethod() == HTTPRequest.Method.GET;
    MatrixRequest ours =
        new MatrixRequest(
            request.getMethod().name(),
            request.getURI().toString(),
            Map.of(),
            body.getBytes(StandardCharsets.UTF_8),
            contentType,
            headers,
            false,
            get,
            MatrixRequest.DEFAULT_TIMEOUT);
    return toNimbus(transport.exchange(ours));
  }

  static HTTPResponse toNimbus(HttpResult result) {
    HTTPResponse response = new HTTPResponse(result.status());
    result
        .headers()
        .forEach((name, values) -> {
          if (name != null && !values.isEmpty() && !name.equalsIgnoreCase("content-type")) {
            response.setHeader(name, values.toArray(String[]::new));
          }
        });
    try {
      response.setContentType(result.header("Content-Type").orElse("application/json"));
    } catch (ParseException e) {
      throw new LoginException("The identity provider sent an unreadable Content-Type.", e);
    }
    response.setBody(new String(result.body(), StandardCharsets.UTF_8));
    return response;
  }
}

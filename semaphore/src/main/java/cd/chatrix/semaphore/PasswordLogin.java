package cd.chatrix.semaphore;

import cd.chatrix.semaphore.HttpTransport.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Username and password to API token: {@code POST /api/auth/login} for the session cookie, then
 * {@code POST /api/user/tokens} with that cookie. Only the resulting token is kept.
 */
final class PasswordLogin {
  private final HttpTransport transport;
  private final SemaphoreSettings settings;

  PasswordLogin(HttpTransport transport, SemaphoreSettings settings) {
    this.transport = transport;
    this.settings = settings;
  }

  String createToken(Credentials.Password password) {
    var login =
        transport
            .json()
            .createObjectNode()
            .put("auth", password.username())
            .put("password", password.password());
    HttpResponse<String> response =
        post("/auth/login", Optional.of(login.toString()), Optional.empty());
    if (response.statusCode() == 401) {
      throw new SemaphoreException.Unauthorized(
          "Semaphore rejected the username or password for "
              + password.username()
              + ". Check them, or configure an API token instead (LDAP/OIDC users cannot log in with a password"
              + " here).");
    }
    if (response.statusCode() != 204 && response.statusCode() != 200) {
      throw Errors.forStatus(
          response.statusCode(), response.body(), Target.of("login"), transport.json());
    }
    String cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("semaphore="))
            .map(c -> c.split(";", 2)[0])
            .findFirst()
            .orElseThrow(() ->
                new SemaphoreException.ServerError(
                    response.statusCode(),
                    "Semaphore accepted the login but set no session cookie; its cookie_hash setting may be"
                        + " missing. Configure an API token instead."));
    HttpResponse<String> created = post("/user/tokens", Optional.empty(), Optional.of(cookie));
    if (created.statusCode() != 201 && created.statusCode() != 200) {
      throw Errors.forStatus(
          created.statusCode(), created.body(), Target.of("API token creation"), transport.json());
    }
    JsonNode token = transport.parse(created.body()).get("id");
    if (token == null || !token.isString() || token.asString().isBlank()) {
      throw new SemaphoreException.ServerError(
          created.statusCode(),
          "Semaphore created an API token but did not return it; create one by hand.");
    }
    return token.asString();
  }

  private HttpResponse<String> post(String path, Optional<String> body, Optional<String> cookie) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(settings.apiBase() + path))
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.orElse("")));
    cookie.ifPresent(c -> b.header("Cookie", c));
    try {
      return transport.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SemaphoreException.Unreachable(
          "Cannot reach Semaphore at "
              + settings.url()
              + " to log in. Check the URL and that it is running.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SemaphoreException.Unreachable("Interrupted while logging in to Semaphore.", e);
    }
  }
}

package cd.chatrix.semaphore;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns a Semaphore status code and body into the matching {@link SemaphoreException}. */
final class Errors {
  private Errors() {}

  static SemaphoreException forStatus(
      int status, String body, HttpTransport.Target what, JsonMapper json) {
    return forStatus(status, java.util.Optional.of("application/json"), body, what, json);
  }

  /**
   * The same, knowing the answer's content type: an HTML or text 404 did not come from Semaphore's
   * API (which labels every answer JSON), and 429 comes from a proxy; both are worth retrying.
   */
  static SemaphoreException forStatus(
      int status,
      java.util.Optional<String> contentType,
      String body,
      HttpTransport.Target what,
      JsonMapper json) {
    if (status == 429) {
      return new SemaphoreException.ServerError(
          429,
          "Semaphore, or the proxy in front of it, is turning the bot's requests away for now (HTTP"
              + " 429). Try again in a minute.");
    }
    if (status == 404 && !Diagnosis.fromApi(contentType)) {
      return new SemaphoreException.ServerError(
          404,
          "The Semaphore address answered, but not with Semaphore's API (HTTP 404 for "
              + what.description()
              + "). It may be restarting behind a proxy; if this lasts, check semaphore.url.");
    }
    String serverMessage = serverMessage(body, json);
    String subject = what.description();
    return switch (status) {
      case 401 ->
          new SemaphoreException.Unauthorized(
              "Semaphore did not accept the bot's credentials (401) for "
                  + subject
                  + ". The API token may be wrong, revoked or expired: create a new one in Semaphore and update"
                  + " the bot's configuration. (Semaphore also answers 401 to some admin-only actions.)");
      case 404 ->
          new SemaphoreException.NotFound(
              "Semaphore has no "
                  + subject
                  + ", or the bot's Semaphore user is not a member of that project. Check the id, or add the"
                  + " bot's user to the project.");
      case 400 ->
          what.taskRoute() && serverMessage.isBlank()
              // Semaphore answers 400 (not 404) for unknown tasks and tasks of another project.
              ? new SemaphoreException.NotFound(
                  "Semaphore has no " + subject + ". Check the task and project ids.")
              : rejected(status, serverMessage, subject, what.badRequestReason());
      case 403 ->
          rejected(
              status,
              serverMessage,
              subject,
              "the bot's Semaphore role does not allow this; give its user the task_runner role or higher");
      case 409 -> rejected(status, serverMessage, subject, "it is still in use by something else");
      default -> {
        if (status >= 500) {
          yield new SemaphoreException.ServerError(
              status,
              "Semaphore failed with HTTP "
                  + status
                  + " on "
                  + subject
                  + (serverMessage.isBlank() ? "" : ": " + serverMessage)
                  + ". Check the Semaphore server log; retrying later may help.");
        }
        yield rejected(status, serverMessage, subject, "unexpected HTTP " + status);
      }
    };
  }

  private static SemaphoreException.Rejected rejected(
      int status, String serverMessage, String subject, String fallback) {
    String reason = serverMessage.isBlank() ? fallback : "Semaphore says: " + serverMessage;
    return new SemaphoreException.Rejected(
        status,
        serverMessage,
        "Semaphore refused the request on " + subject + " (" + reason + ").");
  }

  private static String serverMessage(String body, JsonMapper json) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode node = json.readTree(body);
      JsonNode error = node.get("error");
      return error != null && error.isString() ? error.asString() : "";
    } catch (JacksonException e) {
      return "";
    }
  }
}

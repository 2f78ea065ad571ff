package cd.chatrix.testkit.semaphore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Semaphore's own chat alerts (reference §4.3), in the Slack format: sent for success, error and
 * waiting_confirmation only, skipped for success when the template suppresses success alerts. Like
 * the real server, the payload is filled in by plain text substitution without JSON escaping, so a
 * quote in a template name yields invalid JSON.
 */
final class AlertSender implements AutoCloseable {
  private static final Set<String> NOTIFIABLE = Set.of("success", "error", "waiting_confirmation");
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Integer> suppressSuccess = ConcurrentHashMap.newKeySet();
  private volatile Optional<URI> slackUrl = Optional.empty();

  void slackUrl(Optional<URI> url) {
    this.slackUrl = url;
  }

  void suppressSuccess(int templateId) {
    suppressSuccess.add(templateId);
  }

  void statusChanged(SimModel.Task task, String templateName, String webHost) {
    Optional<URI> url = slackUrl;
    if (url.isEmpty() || !NOTIFIABLE.contains(task.status)) {
      return;
    }
    if (task.status.equals("success") && suppressSuccess.contains(task.templateId)) {
      return;
    }
    String result =
        switch (task.status) {
          case "success" -> "✅SUCCESS";
          case "error" -> "❌ERROR";
          default -> "⚠️WAITING_CONFIRMATION";
        };
    String color = task.status.equals("success") ? "good" : "danger";
    String link =
        webHost + "/project/" + task.projectId + "/templates/" + task.templateId + "?t=" + task.id;
    String body =
        "{\"attachments\":[{\"title\":\"Task: "
            + templateName
            + "\",\"title_link\":\""
            + link
            + "\",\"text\":\"execution #"
            + task.id
            + ", status: "
            + result
            + "!\",\"color\":\""
            + color
            + "\",\"mrkdwn_in\":[\"text\"],\"fields\":[{\"title\":\"Author\",\"value\":\"—\",\"short\":true}]}]}";
    executor.submit(() ->
        http.send(
            HttpRequest.newBuilder(url.get())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding()));
  }

  @Override
  public void close() {
    executor.shutdownNow();
    http.shutdownNow();
  }
}

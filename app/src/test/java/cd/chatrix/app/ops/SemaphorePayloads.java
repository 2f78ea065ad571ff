package cd.chatrix.app.ops;

/**
 * Alert bodies as Semaphore renders them from its templates (services/tasks/templates/*.tmpl),
 * whitespace included, so the parser is tested against what the server really sends.
 */
final class SemaphorePayloads {
  private SemaphorePayloads() {}

  static final String WEB_HOST = "https://semaphore.example.org";

  static String taskUrl(int project, int template, int task) {
    return WEB_HOST + "/project/" + project + "/templates/" + template + "?t=" + task;
  }

  /** slack.tmpl; {@code version} empty leaves the Version field out, as the template does. */
  static String slack(
      String name,
      String url,
      int taskId,
      String result,
      String color,
      String author,
      String version) {
    String versionField =
        version.isEmpty()
            ? ""
            : """
                },
                {
                    "title": "Version",
                    "value": "%s",
                    "short": true
            """
                .formatted(version);
    return """
    {
        "attachments": [
            {
                "title": "Task: %s",
                "title_link": "%s",
                "text": "execution #%d, status: %s!",
                "color": "%s",
                "mrkdwn_in": [
                    "text"
                ],
                "fields": [
                    {
                        "title": "Author",
                        "value": "%s",
                        "short": true
                    %s
                    }
                ]
            }
        ]
    }
    """
        .formatted(name, url, taskId, result, color, author, versionField);
  }

  /** rocketchat.tmpl */
  static String rocketChat(String name, String url, int taskId, String result, String color) {
    return """
    {
        "text": "execution #%d, status: %s!",
        "attachments": [
            {
                "title": "Task: %s",
                "title_link": "%s",
                "text": "execution #%d, status: %s!",
                "color": "%s"
            }
        ]
    }
    """
        .formatted(taskId, result, name, url, taskId, result, color);
  }

  /** microsoft-teams.tmpl, without the decorative background image. */
  static String teams(String name, String url, int taskId, String result, String author) {
    return """
    {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "type": "AdaptiveCard",
                    "version": "1.5",
                    "body": [
                        {
                            "type": "TextBlock",
                            "text": "Ansible Task Template Execution by: %s"
                        },
                        {
                            "type": "FactSet",
                            "facts": [
                                {"title": "Task:", "value": "%s"},
                                {"title": "Status:", "value": "%s"},
                                {"title": "Task ID:", "value": "%d"}
                            ],
                            "separator": true
                        }
                    ],
                    "actions": [
                        {"type": "Action.OpenUrl", "title": "Task URL", "url": "%s"}
                    ]
                }
            }
        ]
    }
    """
        .formatted(author, name, result, taskId, url);
  }
}

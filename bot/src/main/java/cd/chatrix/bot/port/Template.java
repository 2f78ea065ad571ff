package cd.chatrix.bot.port;

import java.util.List;

/** A task template: {@code app} is ansible, terraform, tofu, bash… as Semaphore names it. */
public record Template(
    long id,
    long projectId,
    String name,
    String description,
    String app,
    Overrides allowed,
    List<SurveyVar> surveyVars) {
  public Template {
    description = description == null ? "" : description;
    app = app == null ? "" : app;
    surveyVars = List.copyOf(surveyVars);
  }
}

package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.HashMap;
import java.util.List;

/**
 * The question before a run, as the requester and any approver read it: template, project, every
 * survey value (secrets masked, defaults marked, unset optional ones named), the other options and
 * who asked.
 */
public final class RunPrompt {
  private RunPrompt() {}

  /** What is asked: {@code vars} is the template's survey, empty for a template without one. */
  public record Subject(
      String templateName,
      long templateId,
      String projectName,
      String description,
      List<SurveyVar> vars,
      TaskRequest request,
      String requester) {}

  public static Reply of(Subject s) {
    var prompt =
        Reply.text("Run ")
            .bold(s.templateName())
            .add(" (template " + s.templateId() + ") of ")
            .bold(s.projectName())
            .add("?")
            .nl();
    if (!s.description().isBlank()) {
      prompt.add(s.description().replace("¶", " ").strip()).nl();
    }
    var others = new HashMap<>(s.request().environment());
    if (!s.vars().isEmpty()) {
      prompt.add("Values:").nl();
      for (SurveyVar v : s.vars()) {
        others.remove(v.name());
        prompt.add("• ").add(valueLine(v, s.request())).nl();
      }
    }
    var rest = s.request().withEnvironment(others);
    if (!s.vars().isEmpty()) {
      rest = rest.withSecrets(SecretVars.NONE);
    }
    String opts = Confirmations.shownOptions(rest);
    prompt.add("Options: ").add(opts.isEmpty() ? "none" : opts).nl();
    prompt.add("Asked by ").user(s.requester());
    return prompt;
  }

  /** {@code name=value (Title)}, the form every prompt and the audit log use. */
  static String valueLine(SurveyVar v, TaskRequest r) {
    String label = v.title().isEmpty() || v.title().equals(v.name()) ? "" : " (" + v.title() + ")";
    if (r.secrets().names().contains(v.name())) {
      return v.name() + "=" + SecretVars.MASK + label;
    }
    String value = r.environment().get(v.name());
    if (value != null) {
      return Echo.of(v.name() + "=" + value, Echo.LONG) + label;
    }
    return v.name() + label + ": not set" + (v.required() ? " (required)" : "");
  }
}

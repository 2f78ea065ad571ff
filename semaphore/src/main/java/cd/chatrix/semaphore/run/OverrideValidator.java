package cd.chatrix.semaphore.run;

import cd.chatrix.semaphore.model.SurveyVar;
import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.model.TemplateOverrides;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks requested options against what a template lets a task override, so the bot can say no
 * before it starts anything. Semaphore itself silently ignores disallowed overrides, which would
 * run the task without them.
 */
public final class OverrideValidator {
  private OverrideValidator() {}

  /** The refusals for these options; empty means the start request may be sent. */
  public static List<Refusal> check(Template template, RunOptions options) {
    TemplateOverrides allowed = template.overrides();
    List<Refusal> out = new ArrayList<>();
    String name = "template \"" + template.name() + "\"";
    boolean ansible = template.isAnsible();

    if (!ansible) {
      ansibleOnly(out, "tags", !options.tags().isEmpty(), template);
      ansibleOnly(out, "skip-tags", !options.skipTags().isEmpty(), template);
      ansibleOnly(out, "limit", !options.limit().isEmpty(), template);
      ansibleOnly(out, "dry-run", options.dryRun(), template);
      ansibleOnly(out, "diff", options.diff(), template);
    } else {
      if (!options.tags().isEmpty() && !allowed.tags()) {
        out.add(
            new Refusal("tags", name + " does not allow overriding tags" + how(allowed, "tags")));
      }
      if (!options.skipTags().isEmpty() && !allowed.skipTags()) {
        out.add(
            new Refusal(
                "skip-tags",
                name + " does not allow overriding skip-tags" + how(allowed, "skip_tags")));
      }
      if (!options.limit().isEmpty() && !allowed.limit()) {
        out.add(
            new Refusal(
                "limit",
                name + " does not allow overriding the host limit" + how(allowed, "limit")));
      }
    }
    if (!options.arguments().isEmpty() && !allowed.arguments()) {
      out.add(
          new Refusal(
              "args",
              name
                  + " does not accept extra arguments; an admin can enable \"allow CLI args in task\" on it in"
                  + " Semaphore"));
    }
    if (options.branch().isPresent() && !allowed.branch()) {
      out.add(
          new Refusal(
              "branch",
              name
                  + " does not allow choosing a branch; an admin can enable branch override on it"));
    }
    if (options.inventoryId().isPresent() && !allowed.inventory()) {
      out.add(new Refusal("inventory", name + " does not allow choosing another inventory"));
    }
    if (options.debug() && !allowed.debug()) {
      out.add(new Refusal("debug", name + " does not allow debug runs"));
    }
    checkSurvey(template, options, out);
    return List.copyOf(out);
  }

  private static String how(TemplateOverrides allowed, String field) {
    return allowed.gated()
        ? "; an admin can allow it in the template's task parameters in Semaphore"
        : "; on this Semaphore version "
            + field
            + " travel as CLI arguments, so an admin must enable"
            + " \"allow CLI args in task\" on the template";
  }

  private static void ansibleOnly(
      List<Refusal> out, String option, boolean requested, Template template) {
    if (requested) {
      out.add(
          new Refusal(
              option,
              option
                  + " applies to Ansible templates only, and \""
                  + template.name()
                  + "\" runs "
                  + template.app()));
    }
  }

  private static void checkSurvey(Template template, RunOptions options, List<Refusal> out) {
    for (SurveyVar var : template.surveyVars()) {
      String value =
          var.secret() ? options.secretVars().get(var.name()) : options.vars().get(var.name());
      if (value == null) {
        if (var.required()) {
          out.add(
              new Refusal(
                  var.name(),
                  "\""
                      + (var.title().isBlank() ? var.name() : var.title())
                      + "\" is required by the template; pass "
                      + var.name()
                      + "=<value>"));
        }
        continue;
      }
      if ("int".equals(var.type()) && !value.matches("-?\\d+")) {
        out.add(new Refusal(var.name(), var.name() + " must be a whole number"));
      }
      if ("enum".equals(var.type())
          && !var.values().isEmpty()
          && var.values().stream().noneMatch(v -> v.value().equals(value))) {
        out.add(
            new Refusal(
                var.name(),
                var.name()
                    + " must be one of "
                    + var.values().stream().map(SurveyVar.Value::value).toList()));
      }
    }
  }
}

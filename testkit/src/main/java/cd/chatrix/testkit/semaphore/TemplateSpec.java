package cd.chatrix.testkit.semaphore;

import java.util.List;

/**
 * How to create a template in the simulator.
 *
 * @param app ansible, terraform, tofu, bash, …
 * @param allowArgs 2.10's {@code allow_override_args_in_task}
 * @param taskParams 2.12+ {@code task_params} gates (ignored in the 2.10 shape)
 * @param script what a task of this template does when started
 */
public record TemplateSpec(
    String name,
    String app,
    boolean allowArgs,
    TaskParams taskParams,
    List<Survey> surveyVars,
    RunScript script) {

  public TemplateSpec {
    surveyVars = List.copyOf(surveyVars);
  }

  /** An Ansible template that allows nothing and succeeds. */
  public static TemplateSpec ansible(String name) {
    return new TemplateSpec(
        name, "ansible", false, TaskParams.none(), List.of(), RunScript.success());
  }

  public TemplateSpec withApp(String app) {
    return new TemplateSpec(name, app, allowArgs, taskParams, surveyVars, script);
  }

  public TemplateSpec withAllowArgs(boolean allowArgs) {
    return new TemplateSpec(name, app, allowArgs, taskParams, surveyVars, script);
  }

  public TemplateSpec withTaskParams(TaskParams taskParams) {
    return new TemplateSpec(name, app, allowArgs, taskParams, surveyVars, script);
  }

  public TemplateSpec withSurvey(List<Survey> surveyVars) {
    return new TemplateSpec(name, app, allowArgs, taskParams, surveyVars, script);
  }

  public TemplateSpec withScript(RunScript script) {
    return new TemplateSpec(name, app, allowArgs, taskParams, surveyVars, script);
  }

  /** 2.12+ {@code task_params} flags. */
  public record TaskParams(
      boolean allowDebug,
      boolean allowOverrideInventory,
      boolean allowOverrideLimit,
      boolean allowOverrideTags,
      boolean allowOverrideSkipTags) {
    public static TaskParams none() {
      return new TaskParams(false, false, false, false, false);
    }

    public static TaskParams all() {
      return new TaskParams(true, true, true, true, true);
    }
  }

  /**
   * A survey variable; type is "", "int", "enum" or "secret". {@code defaultValue} ("" for none)
   * exists in releases after 2.10 only; the 2.10 shape leaves it out.
   */
  public record Survey(
      String name,
      String title,
      String description,
      String type,
      boolean required,
      List<Choice> choices,
      String defaultValue) {
    public Survey {
      choices = List.copyOf(choices);
      description = description == null ? "" : description;
      defaultValue = defaultValue == null ? "" : defaultValue;
    }

    /** A variable without description or default; enum choices named like their values. */
    public Survey(String name, String title, String type, boolean required, List<String> values) {
      this(
          name, title, "", type, required, values.stream().map(v -> new Choice(v, v)).toList(), "");
    }
  }

  /** One choice of an enum survey variable: what the form shows and what the task receives. */
  public record Choice(String name, String value) {}
}

package cd.chatrix.semaphore.model;

import java.util.List;
import java.util.Optional;

/**
 * A task template. {@code app} is ansible, terraform, tofu, bash, … ("" on old servers means
 * ansible). {@code arguments} is the raw JSON-array string of default arguments.
 */
public record Template(
    int id,
    int projectId,
    String name,
    String description,
    String app,
    String type,
    String playbook,
    Optional<String> arguments,
    Optional<Integer> inventoryId,
    Optional<Integer> environmentId,
    Optional<Integer> repositoryId,
    Optional<Integer> viewId,
    Optional<String> gitBranch,
    List<SurveyVar> surveyVars,
    TemplateOverrides overrides,
    Optional<Task> lastTask) {

  public Template {
    surveyVars = List.copyOf(surveyVars);
  }

  /** True for Ansible templates, including old servers that leave {@code app} empty. */
  public boolean isAnsible() {
    return app.isEmpty() || "ansible".equals(app);
  }

  public boolean isTerraformLike() {
    return "terraform".equals(app) || "tofu".equals(app) || "terragrunt".equals(app);
  }
}

package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.bot.port.OutputChunk;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import cd.chatrix.semaphore.model.Task;
import cd.chatrix.semaphore.model.TaskOutputLine;
import cd.chatrix.semaphore.model.TaskStatus;
import cd.chatrix.semaphore.model.TemplateOverrides;
import cd.chatrix.semaphore.run.RunOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Pure conversions between the Semaphore client's records and the bot's port records. */
final class PortMapping {
  private PortMapping() {}

  static Project project(cd.chatrix.semaphore.model.Project p) {
    return new Project(p.id(), p.name());
  }

  static Template template(cd.chatrix.semaphore.model.Template t) {
    return new Template(
        t.id(),
        t.projectId(),
        t.name(),
        t.description(),
        // Servers before app support leave it empty, and then every template is Ansible.
        t.app().isEmpty() ? "ansible" : t.app(),
        overrides(t.overrides(), t.isAnsible()),
        t.surveyVars().stream().map(PortMapping::surveyVar).toList());
  }

  /**
   * Tags, skip-tags and limit mean nothing to Terraform or shell templates, so they are reported as
   * not allowed there, matching the client's own check before a start. Extra variables are never
   * gated by Semaphore.
   */
  static Overrides overrides(TemplateOverrides o, boolean ansible) {
    return new Overrides(
        o.arguments(),
        ansible && o.tags(),
        ansible && o.skipTags(),
        ansible && o.limit(),
        o.branch(),
        o.debug(),
        true);
  }

  static SurveyVar surveyVar(cd.chatrix.semaphore.model.SurveyVar v) {
    return new SurveyVar(
        v.name(),
        v.title(),
        v.description(),
        v.type(),
        v.required(),
        Optional.of(v.defaultValue()),
        v.values().stream().map(c -> new SurveyVar.Choice(c.name(), c.value())).toList());
  }

  static TaskState state(TaskStatus status) {
    return TaskState.fromWire(status.wire());
  }

  static TaskInfo taskInfo(TaskRef ref, Task t) {
    return taskInfo(ref, t, state(t.status()));
  }

  /**
   * A task's details under a state that may be older than the details (a watcher event is handled
   * after the fact); the end time is only shown once the state says the task ended.
   */
  static TaskInfo taskInfo(TaskRef ref, Task t, TaskState state) {
    return new TaskInfo(
        ref,
        t.templateId(),
        state,
        t.start(),
        state.terminal() ? t.end() : Optional.empty(),
        t.templateName(),
        t.userName());
  }

  /** Output rows from {@code fromLine} on; output only grows, so the row count is the offset. */
  static OutputChunk output(List<TaskOutputLine> all, int fromLine) {
    int from = Math.max(0, fromLine);
    if (from >= all.size()) {
      return new OutputChunk(List.of(), Math.max(from, all.size()));
    }
    return new OutputChunk(
        all.subList(from, all.size()).stream().map(TaskOutputLine::output).toList(), all.size());
  }

  /**
   * The client's run options for a chat request. Answers to secret survey variables travel in
   * Semaphore's {@code secret} field, which the server never stores or echoes: the ones the bot
   * marked secret, and (in case the template changed since) any other variable the template, read
   * by id just now, declares {@code secret}. Refused when a secret's value was not kept.
   */
  static RunOptions options(TaskRequest r, cd.chatrix.semaphore.model.Template template) {
    if (!r.secrets().forgotten().isEmpty()) {
      throw new PortException(
          "The secret value of "
              + String.join(", ", new java.util.TreeSet<>(r.secrets().forgotten()))
              + " was not kept. Start the run again and give it once more.");
    }
    Set<String> secretNames =
        template.surveyVars().stream()
            .filter(cd.chatrix.semaphore.model.SurveyVar::secret)
            .map(cd.chatrix.semaphore.model.SurveyVar::name)
            .collect(Collectors.toSet());
    Map<String, String> vars = new HashMap<>();
    Map<String, String> secrets = new HashMap<>();
    r.environment().forEach((k, v) -> (secretNames.contains(k) ? secrets : vars).put(k, v));
    secrets.putAll(r.secrets().values());
    secrets.keySet().forEach(vars::remove);
    return new RunOptions(
        r.message(),
        r.tags(),
        r.skipTags(),
        r.limit(),
        r.arguments(),
        r.branch(),
        Optional.empty(),
        vars,
        secrets,
        r.dryRun(),
        r.diff(),
        r.debug());
  }
}

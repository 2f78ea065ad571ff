package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import cd.chatrix.bot.store.RoomSettings;
import cd.chatrix.bot.store.Subscription;
import cd.chatrix.bot.text.AnsibleSummary;
import cd.chatrix.bot.text.Durations;
import cd.chatrix.bot.text.LogFormatter;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps each run's status message true: starts confirmed runs, applies task updates (edit in place,
 * announce the end with a mention, quote the failure), and announces subscribed tasks.
 */
public final class RunMonitor {
  private static final System.Logger LOG = System.getLogger(RunMonitor.class.getName());
  // Keep the end-of-run message far below the event size limit even for large inventories.
  private static final int MAX_FAILURES = 10;
  private static final int MAX_RECAP = 40;
  private final Services s;
  private final LogStreamer streamer;
  private final Map<String, Instant> lastReminder = new HashMap<>();

  public RunMonitor(Services services, LogStreamer streamer) {
    this.s = services;
    this.streamer = streamer;
  }

  /** Starts a confirmed run; returns the task when Semaphore accepted it. */
  public synchronized Optional<TaskRef> launch(
      PendingConfirmation pc, PendingAction.Run run, Optional<String> approver) {
    var relation = Confirmations.relationFor(pc);
    TaskRef ref;
    try {
      ref = s.runner().start(run.projectId(), run.request());
    } catch (PortException e) {
      s.send(
          pc.roomId(),
          Reply.text("❌ Semaphore did not start " + run.templateName() + ": " + e.getMessage())
              .nl()
              .add(
                  "Nothing is running. Check the template in Semaphore, or try again with different options."),
          relation);
      s.audit(
          pc.requester(),
          pc.roomId(),
          "run",
          describe(run),
          Optional.empty(),
          "refused: " + e.getMessage());
      return Optional.empty();
    }
    track(pc, run, approver, ref, approver.map(a -> "started, approved by " + a).orElse("started"));
    return Optional.of(ref);
  }

  /**
   * Follows a task started for {@code pc}: posts its status message, keeps the run and audits it
   * with {@code outcome}. Also how a start found in Semaphore after a restart is taken up.
   */
  synchronized void track(
      PendingConfirmation pc,
      PendingAction.Run run,
      Optional<String> approver,
      TaskRef ref,
      String outcome) {
    var monitored =
        new MonitoredRun(
            ref,
            pc.roomId(),
            "",
            Optional.of(pc.requester()),
            approver,
            run.projectName(),
            run.templateName(),
            run.request().templateId(),
            run.request().describeOptions(),
            TaskState.WAITING,
            s.now(),
            Optional.empty(),
            Optional.empty(),
            false,
            0);
    String eventId =
        s.send(pc.roomId(), StatusView.render(monitored, s.settings(), s.now()), statusAnchor(pc))
            .orElse("");
    monitored = monitored.withState(TaskState.WAITING, Optional.empty(), Optional.empty(), eventId);
    s.stores().runs().save(monitored);
    s.audit(pc.requester(), pc.roomId(), "run", describe(run), Optional.of(ref.taskId()), outcome);
  }

  private static String describe(PendingAction.Run run) {
    return (run.templateName() + " (" + run.projectName() + ") " + run.request().describeOptions())
        .strip();
  }

  /**
   * The status message replies to the command but never sits inside a thread: it is the root of the
   * run's own thread (streamed output), and Matrix does not allow threads inside threads.
   */
  private static Optional<Relation> statusAnchor(PendingConfirmation pc) {
    return Optional.of(new Relation.Reply(pc.commandEventId()));
  }

  /** Applies a state change reported by the app's watcher (push or poll). */
  public synchronized void onUpdate(TaskInfo info) {
    var known = s.stores().runs().byTask(info.ref());
    // Counted once per task, however many rooms watch it.
    boolean finishesNow =
        info.state().terminal() && known.stream().anyMatch(r -> !r.state().terminal());
    for (MonitoredRun run : known) {
      apply(run, info);
    }
    if (finishesNow) {
      s.observer().runFinished(info.state());
    }
    announceSubscribed(info, known);
  }

  private void apply(MonitoredRun run, TaskInfo info) {
    if (run.state() == info.state() || run.state().terminal()) {
      return;
    }
    var updated = run.withState(info.state(), info.start(), info.end(), run.statusEventId());
    if (updated.statusEventId().isEmpty() && (!run.failuresOnly() || info.state().failed())) {
      String id =
          s.send(run.roomId(), StatusView.render(updated, s.settings(), s.now()), Optional.empty())
              .orElse("");
      updated = updated.withState(info.state(), Optional.empty(), Optional.empty(), id);
    } else if (!updated.statusEventId().isEmpty()) {
      s.edit(
          run.roomId(),
          updated.statusEventId(),
          StatusView.render(updated, s.settings(), s.now()),
          Optional.empty());
    }
    s.stores().runs().save(updated);
    if (info.state() == TaskState.WAITING_CONFIRMATION && !updated.failuresOnly()) {
      announceWaiting(updated);
    }
    if (info.state().terminal()) {
      streamer.finish(updated);
      if (!updated.failuresOnly() || info.state().failed()) {
        announceEnd(updated);
      }
    }
  }

  private void announceSubscribed(TaskInfo info, List<MonitoredRun> known) {
    var policy = s.policy();
    for (RoomSettings room : s.stores().rooms().all()) {
      if (known.stream().anyMatch(r -> r.roomId().equals(room.roomId()))
          || !policy.roomAllowed(room.roomId())
          || !policy.templateAllowed(room.roomId(), info.ref().projectId(), info.templateId())) {
        continue;
      }
      Optional<Subscription> sub =
          room.subscriptions().stream()
              .filter(x -> x.matches(info.ref().projectId(), info.templateId()))
              .findFirst();
      if (sub.isEmpty()) {
        continue;
      }
      var run =
          new MonitoredRun(
              info.ref(),
              room.roomId(),
              "",
              Optional.empty(),
              Optional.empty(),
              projectName(info.ref().projectId()),
              info.templateName()
                  .orElseGet(() -> templateName(info.ref().projectId(), info.templateId())),
              info.templateId(),
              "",
              TaskState.UNKNOWN,
              s.now(),
              Optional.empty(),
              Optional.empty(),
              sub.get().failuresOnly(),
              0);
      s.stores().runs().save(run);
      apply(run, info);
    }
  }

  private String projectName(long projectId) {
    return nameOr(
        "project " + projectId,
        () ->
            s.runner().projects().stream()
                .filter(p -> p.id() == projectId)
                .map(p -> p.name())
                .findFirst());
  }

  private String templateName(long projectId, long templateId) {
    return nameOr(
        "template " + templateId,
        () ->
            s.runner().templates(projectId).stream()
                .filter(t -> t.id() == templateId)
                .map(t -> t.name())
                .findFirst());
  }

  /** The name Semaphore gives, or {@code fallback} when it has none or cannot be asked now. */
  private static String nameOr(String fallback, Supplier<Optional<String>> lookup) {
    try {
      return lookup.get().orElse(fallback);
    } catch (PortException e) {
      return fallback;
    }
  }

  private void announceWaiting(MonitoredRun run) {
    var r = Reply.create();
    run.requester().ifPresent(u -> r.mention(u, u).add(": "));
    r.add(
            "task #"
                + run.task().taskId()
                + " ("
                + run.templateName()
                + ") waits for a go-ahead in Semaphore. Answer with ")
        .code(s.settings().prefix() + " confirm " + run.task().taskId())
        .add(" or ")
        .code(s.settings().prefix() + " reject " + run.task().taskId())
        .add(".");
    s.send(run.roomId(), r, statusRelation(run));
  }

  private void announceEnd(MonitoredRun run) {
    var values =
        Map.of(
            "user_name", run.requester().orElse("Heads-up"),
            "name", run.requester().orElse("Heads-up"),
            "task_name", run.templateName(),
            "task_id", Long.toString(run.task().taskId()),
            "project", run.projectName(),
            "template", run.templateName());
    var r = Reply.create();
    String line =
        switch (run.state()) {
          case SUCCESS -> s.messages().pick("task_success", values);
          case ERROR -> s.messages().pick("task_failure", values);
          default ->
              run.templateName()
                  + " (#"
                  + run.task().taskId()
                  + ") ended: "
                  + StatusView.label(run.state())
                  + " "
                  + StatusView.emoji(run.state());
        };
    // The catalog line carries the requester's id as plain text; turn the first occurrence into a
    // pill.
    if (run.requester().isPresent() && line.contains(run.requester().get())) {
      String u = run.requester().get();
      int at = line.indexOf(u);
      r.add(line.substring(0, at)).mention(u, u).add(line.substring(at + u.length()));
    } else {
      run.requester().ifPresent(u -> r.mention(u, u).add(": "));
      r.add(line);
    }
    if (run.state() == TaskState.ERROR) {
      appendSummary(r, run.task());
    }
    s.send(run.roomId(), r, statusRelation(run));
  }

  private void appendSummary(Reply r, TaskRef ref) {
    List<String> lines;
    try {
      lines = s.runner().output(ref, 0).lines();
    } catch (PortException e) {
      r.nl().add("(Could not fetch the output to show what failed: " + e.getMessage() + ")");
      return;
    }
    var summary = AnsibleSummary.of(LogFormatter.lines(lines));
    if (summary.isEmpty()) {
      return;
    }
    var failures = summary.failures();
    for (var f : failures.subList(0, Math.min(MAX_FAILURES, failures.size()))) {
      r.nl()
          .add("Failed: ")
          .bold(f.task().isEmpty() ? "(unnamed task)" : f.task())
          .add(" on ")
          .code(f.host());
      if (!f.message().isEmpty()) {
        r.add(" — " + f.message());
      }
    }
    if (failures.size() > MAX_FAILURES) {
      r.nl()
          .add(
              "…and "
                  + (failures.size() - MAX_FAILURES)
                  + " more failures; see "
                  + s.settings().prefix()
                  + " logs "
                  + ref.taskId()
                  + ".");
    }
    if (!summary.recap().isEmpty()) {
      var recapLines = summary.recap();
      String recap =
          String.join("\n", recapLines.subList(0, Math.min(MAX_RECAP, recapLines.size())))
              + (recapLines.size() > MAX_RECAP
                  ? "\n… " + (recapLines.size() - MAX_RECAP) + " more hosts"
                  : "");
      r.nl().add("PLAY RECAP").pre(recap, cd.chatrix.bot.text.Html.escape(recap));
    }
    if (!summary.tail().isEmpty()) {
      String tail = String.join("\n", summary.tail());
      r.nl().add("Last lines:").pre(tail, cd.chatrix.bot.text.Html.escape(tail));
    }
  }

  private static Optional<Relation> statusRelation(MonitoredRun run) {
    return run.statusEventId().isEmpty()
        ? Optional.empty()
        : Optional.of(new Relation.Reply(run.statusEventId()));
  }

  /** One streaming turn; under this monitor's lock so run updates and stream offsets never race. */
  public synchronized void streamTick(Instant now) {
    streamer.tick(now);
  }

  /**
   * "Still running" notes for long runs, every {@code runningReminder} (zero: never). Kept in
   * memory: after a restart the next note simply comes one interval later.
   */
  public synchronized void remind(Instant now) {
    Duration every = s.settings().runningReminder();
    if (every.isZero() || every.isNegative()) {
      return;
    }
    for (MonitoredRun run : s.stores().runs().active()) {
      if (run.state() != TaskState.RUNNING
          || run.startedAt().isEmpty()
          || run.statusEventId().isEmpty()) {
        continue;
      }
      String key = run.task() + "@" + run.roomId();
      Instant last = lastReminder.getOrDefault(key, run.startedAt().get());
      if (Duration.between(last, now).compareTo(every) >= 0) {
        lastReminder.put(key, now);
        var r =
            Reply.text(
                "⏳ "
                    + run.templateName()
                    + " (#"
                    + run.task().taskId()
                    + ") is still running, for "
                    + Durations.human(Duration.between(run.startedAt().get(), now))
                    + " now.");
        s.send(run.roomId(), r, statusRelation(run));
      }
    }
    lastReminder
        .keySet()
        .removeIf(k ->
            s.stores().runs().active().stream()
                .noneMatch(r -> (r.task() + "@" + r.roomId()).equals(k)));
  }

  /** After a restart: asks Semaphore where each unfinished run stands and catches up. */
  public void resume() {
    for (MonitoredRun run : s.stores().runs().active()) {
      try {
        onUpdate(s.runner().task(run.task()));
      } catch (PortException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Cannot resume task {0} yet: {1}",
            run.task(),
            e.getMessage());
      }
    }
  }
}

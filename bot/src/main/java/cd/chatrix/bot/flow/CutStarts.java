package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.store.ClaimedStart;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import cd.chatrix.bot.text.Durations;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settles the runs a previous bot said yes to and never saw through: it claimed the start, then
 * stopped (killed, crashed, or a replica that lost its lease) before Semaphore's answer was kept.
 * Semaphore decides what happened, since the start's POST may or may not have reached it:
 *
 * <ul>
 *   <li>the task is there and already followed: only the claim was left over;
 *   <li>the task is there and not followed: it is taken up (status message, watched to its end);
 *   <li>no task yet, and the yes is younger than {@link #IN_FLIGHT}: the stopped bot's POST may
 *       still be on its way, so it is looked for again once that has passed;
 *   <li>no task, and the yes is recent: the run starts now, as the requester asked;
 *   <li>no task, and the yes is old (the bot was down for longer than a question waits): nothing
 *       starts by surprise; the requester is told to start it again.
 * </ul>
 *
 * <p>Runs at start-up and then on every tick until nothing is left, so a Semaphore that is down at
 * start-up only delays it.
 */
public final class CutStarts {
  private static final System.Logger LOG = System.getLogger(CutStarts.class.getName());

  /**
   * How far Semaphore's clock may be behind ours: a task it stamped a little before our claim can
   * still be the one we asked for.
   */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  /**
   * How long a start's POST may be on its way: as long as the app waits for Semaphore's answer to
   * one (its default request timeout). The stopped bot gave up on a start not made by then, and so
   * does this: starting it again any sooner could start it twice.
   */
  static final Duration IN_FLIGHT = Duration.ofSeconds(30);

  private final Services s;
  private final Confirmations confirmations;
  private final RunMonitor monitor;
  private volatile boolean pending = true;
  private boolean warned;

  /** Claims whose POST may still be on its way, by confirmation id: when to look again. */
  private final Map<String, Instant> lookAgain = new HashMap<>();

  public CutStarts(Services services, Confirmations confirmations, RunMonitor monitor) {
    this.s = services;
    this.confirmations = confirmations;
    this.monitor = monitor;
  }

  /** Settles every start left over; those Semaphore cannot be asked about now wait for a tick. */
  public synchronized void settle() {
    if (!pending) {
      return;
    }
    boolean left = false;
    for (ClaimedStart start : s.stores().confirmations().claimedStarts()) {
      if (confirmations.claimedHere(start.confirmation().id())) {
        continue;
      }
      Instant again = lookAgain.get(start.confirmation().id());
      if (again != null && again.isAfter(s.now())) {
        left = true;
        continue;
      }
      try {
        left |= !settle(start);
      } catch (PortException e) {
        left = true;
        if (!warned) {
          warned = true;
          LOG.log(
              System.Logger.Level.WARNING,
              "A run confirmed before the restart cannot be checked in Semaphore yet ({0});"
                  + " trying again until it answers",
              e.getMessage());
        }
      }
    }
    if (!left && warned) {
      LOG.log(
          System.Logger.Level.INFO,
          "Semaphore answered: runs confirmed before the restart are settled");
    }
    pending = left;
  }

  /** Settles one start; false when it must be looked at again later. */
  private boolean settle(ClaimedStart start) {
    PendingConfirmation pc = start.confirmation();
    if (!(pc.action() instanceof PendingAction.Run run)) {
      // Only runs are claimed; anything else is a leftover with nothing to do.
      s.stores().confirmations().settleStart(pc.id());
      return true;
    }
    List<TaskRef> found =
        s.runner().startsOf(run.projectId(), run.request(), start.claimedAt().minus(CLOCK_SKEW));
    boolean followed =
        found.stream()
            .flatMap(ref -> s.stores().runs().byTask(ref).stream())
            .anyMatch(r ->
                r.roomId().equals(pc.roomId()) && !r.requestedAt().isBefore(start.claimedAt()));
    Optional<TaskRef> unfollowed =
        found.stream().filter(ref -> s.stores().runs().byTask(ref).isEmpty()).findFirst();
    if (followed) {
      s.stores().confirmations().settleStart(pc.id());
    } else if (unfollowed.isPresent()) {
      LOG.log(
          System.Logger.Level.INFO,
          "Task {0} was started before the restart for a confirmed run; following it",
          unfollowed.get().taskId());
      showStarted(pc);
      monitor.track(
          pc,
          run,
          start.approver(),
          unfollowed.get(),
          "started (found in Semaphore after a restart)");
      s.stores().confirmations().settleStart(pc.id());
    } else if (start.claimedAt().plus(IN_FLIGHT).isAfter(s.now())) {
      lookAgain.put(pc.id(), start.claimedAt().plus(IN_FLIGHT));
      return false;
    } else if (start.claimedAt().plus(s.settings().confirmationTimeout()).isAfter(s.now())) {
      LOG.log(
          System.Logger.Level.INFO,
          "A run confirmed just before the restart never reached Semaphore; starting it now");
      showStarted(pc);
      confirmations.resume(pc, start.approver());
    } else {
      tooLate(start, run);
    }
    lookAgain.remove(pc.id());
    return true;
  }

  /** The prompt may still read as a question if the bot stopped before editing it. */
  private void showStarted(PendingConfirmation pc) {
    s.edit(
        pc.roomId(),
        pc.promptEventId(),
        Reply.text("✅ " + confirmations.startLine(pc)),
        Optional.empty());
  }

  private void tooLate(ClaimedStart start, PendingAction.Run run) {
    PendingConfirmation pc = start.confirmation();
    String age = Durations.human(Duration.between(start.claimedAt(), s.now()));
    s.edit(
        pc.roomId(),
        pc.promptEventId(),
        Reply.text("⚠️ Not started: " + Confirmations.shown(pc.action())),
        Optional.empty());
    s.send(
        pc.roomId(),
        Reply.create()
            .mention(pc.requester(), pc.requester())
            .add(
                ": I stopped right after your yes, before "
                    + run.templateName()
                    + " reached Semaphore, and that was "
                    + age
                    + " ago. I have not started it so late. Nothing is running; start it again if"
                    + " you still want it."),
        Confirmations.relationFor(pc));
    s.audit(
        pc.requester(),
        pc.roomId(),
        "run",
        Confirmations.describe(pc.action()),
        Optional.empty(),
        "not started: the bot stopped before Semaphore got it");
    s.stores().confirmations().settleStart(pc.id());
  }
}

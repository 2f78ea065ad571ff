package cd.chatrix.semaphore.model;

import java.util.Locale;

/**
 * A task status as Semaphore reports it. Semaphore treats status as an open set (new releases added
 * values), so anything not recognised is kept verbatim as {@link Other} instead of failing the
 * whole response.
 */
public sealed interface TaskStatus permits TaskStatus.Known, TaskStatus.Other {

  /** The string Semaphore uses on the wire. */
  String wire();

  /** True for statuses after which Semaphore never changes the task again. */
  boolean isTerminal();

  /** The statuses this client understands. */
  enum Known implements TaskStatus {
    WAITING("waiting"),
    STARTING("starting"),
    WAITING_CONFIRMATION("waiting_confirmation"),
    CONFIRMED("confirmed"),
    REJECTED("rejected"),
    RUNNING("running"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    SUCCESS("success"),
    ERROR("error");

    private final String wire;

    Known(String wire) {
      this.wire = wire;
    }

    @Override
    public String wire() {
      return wire;
    }

    @Override
    public boolean isTerminal() {
      // Semaphore's IsFinished() is {stopped, success, error}; later releases end a rejected task
      // too.
      return this == STOPPED || this == SUCCESS || this == ERROR || this == REJECTED;
    }
  }

  /** A status string this client does not know yet; never terminal so that watching goes on. */
  record Other(String wire) implements TaskStatus {
    @Override
    public boolean isTerminal() {
      return false;
    }
  }

  TaskStatus WAITING = Known.WAITING;
  TaskStatus STARTING = Known.STARTING;
  TaskStatus WAITING_CONFIRMATION = Known.WAITING_CONFIRMATION;
  TaskStatus CONFIRMED = Known.CONFIRMED;
  TaskStatus REJECTED = Known.REJECTED;
  TaskStatus RUNNING = Known.RUNNING;
  TaskStatus STOPPING = Known.STOPPING;
  TaskStatus STOPPED = Known.STOPPED;
  TaskStatus SUCCESS = Known.SUCCESS;
  TaskStatus ERROR = Known.ERROR;

  /** Reads a wire status; blank input becomes {@code Other("")} rather than an exception. */
  static TaskStatus parse(String wire) {
    String normalised = wire == null ? "" : wire.trim().toLowerCase(Locale.ROOT);
    for (Known known : Known.values()) {
      if (known.wire.equals(normalised)) {
        return known;
      }
    }
    return new Other(normalised);
  }
}

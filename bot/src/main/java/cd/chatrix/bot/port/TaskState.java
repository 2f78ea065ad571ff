package cd.chatrix.bot.port;

import java.util.Locale;

/** Semaphore task states; {@link #UNKNOWN} absorbs states a newer server may add. */
public enum TaskState {
  WAITING("waiting"),
  STARTING("starting"),
  WAITING_CONFIRMATION("waiting_confirmation"),
  CONFIRMED("confirmed"),
  RUNNING("running"),
  STOPPING("stopping"),
  STOPPED("stopped"),
  SUCCESS("success"),
  ERROR("error"),
  REJECTED("rejected"),
  /**
   * Semaphore no longer knows the task (it, or its project, was deleted). Never sent by Semaphore:
   * the adapter reports it so the run ends in chat instead of being watched forever.
   */
  VANISHED("vanished"),
  UNKNOWN("unknown");

  private final String wire;

  TaskState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean terminal() {
    return this == STOPPED
        || this == SUCCESS
        || this == ERROR
        || this == REJECTED
        || this == VANISHED;
  }

  public boolean failed() {
    return this == ERROR;
  }

  public static TaskState fromWire(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (TaskState s : values()) {
      if (s.wire.equals(v)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}

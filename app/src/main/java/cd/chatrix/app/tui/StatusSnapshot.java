package cd.chatrix.app.tui;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The live status panel's content at one moment.
 *
 * @param matrix the homeserver connection
 * @param semaphore whether Semaphore answers, and its version
 * @param e2ee the encryption state
 * @param uptime time since the bot started
 * @param commandsHandled chat commands handled since start
 * @param monitoredTasks task runs the bot is watching for their room
 */
public record StatusSnapshot(
    Matrix matrix,
    Semaphore semaphore,
    E2ee e2ee,
    Duration uptime,
    long commandsHandled,
    List<TaskView> monitoredTasks,
    String leaseRole,
    long leaseEpoch) {

  /** A bot without a leader lease (SQLite): the one process, always leading. */
  public StatusSnapshot(
      Matrix matrix,
      Semaphore semaphore,
      E2ee e2ee,
      Duration uptime,
      long commandsHandled,
      List<TaskView> monitoredTasks) {
    this(matrix, semaphore, e2ee, uptime, commandsHandled, monitoredTasks, "leader", 0);
  }

  public StatusSnapshot {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(semaphore, "semaphore");
    Objects.requireNonNull(e2ee, "e2ee");
    Objects.requireNonNull(uptime, "uptime");
    monitoredTasks = List.copyOf(monitoredTasks);
    Objects.requireNonNull(leaseRole, "leaseRole");
  }

  /** The homeserver side of the bot. */
  public enum ConnectionState {
    STARTING("starting"),
    CONNECTED("connected"),
    RECONNECTING("reconnecting"),
    DISCONNECTED("disconnected"),
    STOPPING("stopping");

    private final String label;

    ConnectionState(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param state where the sync loop is
   * @param syncLag how long since the last successful sync, when there was one
   * @param userId the bot's Matrix id ("" before login)
   * @param deviceId the bot's device id ("" before login)
   * @param rooms joined rooms
   */
  public record Matrix(
      ConnectionState state,
      Optional<Duration> syncLag,
      String userId,
      String deviceId,
      int rooms) {
    public Matrix {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(syncLag, "syncLag");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(deviceId, "deviceId");
    }
  }

  /**
   * @param reachable whether the last call to Semaphore got an answer
   * @param version Semaphore's version, or "" when unknown
   */
  public record Semaphore(boolean reachable, String version) {
    public Semaphore {
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * @param enabled whether end-to-end encryption is on
   * @param crossSigned whether the bot's device is signed by its own self-signing key
   * @param undecryptable events the bot received but could not decrypt
   */
  public record E2ee(boolean enabled, boolean crossSigned, int undecryptable) {}
}

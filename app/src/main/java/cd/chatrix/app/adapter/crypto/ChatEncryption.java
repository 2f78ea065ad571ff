package cd.chatrix.app.adapter.crypto;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.bot.port.DeviceInfo;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Verification;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.verification.VerificationStatus;
import cd.chatrix.matrix.MatrixClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat commands' {@link EncryptionPort} over the running {@link EncryptionBridge}: devices and
 * verifications come from its {@link OlmMachine}, the same one the operator console steers, and
 * each step's to-device messages go out at once rather than at the next sync.
 *
 * <p>The machine has no change events, so this compares its verifications after every sync (the
 * other device's answers arrive there) and after every step, and reports those that differ. Reports
 * go out one at a time on a thread of their own: the listener posts to chat, which must not hold up
 * the sync loop or a command waiting for the machine.
 */
public final class ChatEncryption implements EncryptionPort, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatEncryption.class);
  private static final int MAX_REASON = 200;

  private final OlmMachine machine;
  private final Runnable flush;
  private final EncryptionIdentity.KeySharing keySharing;
  private final List<Consumer<Verification>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Verification> lastSeen = new HashMap<>();
  private final ExecutorService reports =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("verification-reports").factory());

  ChatEncryption(OlmMachine machine, Runnable flush, EncryptionIdentity.KeySharing keySharing) {
    this.machine = machine;
    this.flush = flush;
    this.keySharing = keySharing;
  }

  /**
   * The production wiring: over an installed bridge and its Matrix client, which must not be
   * syncing yet (this listens to every sync after the bridge has fed it to the machine).
   */
  public static ChatEncryption over(
      EncryptionBridge bridge, MatrixClient matrix, MatrixConfig.TrustPolicy trustPolicy) {
    ChatEncryption port =
        new ChatEncryption(
            bridge.machine(),
            bridge::flushRequests,
            trustPolicy == MatrixConfig.TrustPolicy.VERIFIED
                ? EncryptionIdentity.KeySharing.VERIFIED_ONLY
                : EncryptionIdentity.KeySharing.ALL_DEVICES);
    matrix.onSync(batch -> port.reportChanges());
    return port;
  }

  @Override
  public EncryptionIdentity identity() {
    boolean deviceSigned =
        machine.devices(machine.userId()).stream()
            .filter(d -> d.deviceId().equals(machine.deviceId()))
            .anyMatch(Device::crossSigned);
    return new EncryptionIdentity(
        machine.userId(),
        machine.deviceId(),
        machine.ed25519Key(),
        machine.crossSigningMasterKey(),
        deviceSigned,
        keySharing);
  }

  @Override
  public List<DeviceInfo> devices(String userId) {
    List<Device> known = machine.devices(userId);
    if (known.isEmpty()) {
      // Nobody asked for this user's keys yet: ask now, so the answer is not "none" by mistake.
      machine.updateTrackedUsers(List.of(userId));
      step("look up the devices of " + userId, flush::run);
      known = machine.devices(userId);
    }
    List<DeviceInfo> out = new ArrayList<>(known.stream().map(ChatEncryption::device).toList());
    if (userId.equals(machine.userId())
        && out.stream().noneMatch(d -> d.deviceId().equals(machine.deviceId()))) {
      // The store lists devices from /keys/query; the bot's own may not be there yet.
      out.addFirst(
          new DeviceInfo(
              userId,
              machine.deviceId(),
              "this bot",
              machine.ed25519Key(),
              DeviceInfo.Trust.VERIFIED));
    }
    return out;
  }

  @Override
  public List<Verification> verifications() {
    return machine.verifications().stream().map(ChatEncryption::verification).toList();
  }

  @Override
  public Verification start(String userId, String deviceId) {
    String id =
        step("ask " + deviceId + " to verify", () -> machine.requestVerification(userId, deviceId));
    afterStep();
    return machine
        .verification(id)
        .map(ChatEncryption::verification)
        .orElseThrow(() ->
            new PortException(
                "The verification with " + deviceId + " vanished at once; try again."));
  }

  @Override
  public void accept(String verificationId) {
    step("accept the verification", () -> machine.acceptVerification(verificationId));
    afterStep();
  }

  @Override
  public void confirm(String verificationId) {
    step("confirm the verification", () -> machine.confirmVerification(verificationId));
    afterStep();
  }

  @Override
  public void cancel(String verificationId, boolean mismatch) {
    step("cancel the verification", () -> machine.cancelVerification(verificationId, mismatch));
    afterStep();
  }

  @Override
  public void onVerificationChange(Consumer<Verification> listener) {
    listeners.add(listener);
  }

  /** Compares the machine's verifications with the last look and reports each that changed. */
  void reportChanges() {
    List<Verification> now = verifications();
    synchronized (lastSeen) {
      Set<String> ids = new HashSet<>();
      for (Verification v : now) {
        ids.add(v.id());
        if (!v.equals(lastSeen.put(v.id(), v))) {
          // Queued under the lock, so two callers cannot report one verification out of order.
          submit(v);
        }
      }
      lastSeen.keySet().retainAll(ids);
    }
  }

  private void submit(Verification v) {
    try {
      reports.execute(() -> listeners.forEach(l -> tell(l, v)));
    } catch (RejectedExecutionException e) {
      LOG.debug("Closed: not reporting verification {}", v.id());
    }
  }

  private static void tell(Consumer<Verification> listener, Verification v) {
    try {
      listener.accept(v);
    } catch (RuntimeException e) {
      LOG.warn("A verification listener failed on {}", v.id(), e);
    }
  }

  /** Sends the step's to-device messages now, then reports what changed. */
  private void afterStep() {
    step("send the verification messages", flush::run);
    reportChanges();
  }

  private void step(String what, Runnable action) {
    step(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  /** The machine refuses with exceptions meant for programmers; users get a plain sentence. */
  private static <T> T step(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (IllegalArgumentException e) {
      throw new PortException("I could not " + what + ": I don't know that verification.", e);
    } catch (IllegalStateException e) {
      throw new PortException(
          "I could not " + what + ": it has moved on meanwhile. Look at it again with verify.", e);
    } catch (RuntimeException e) {
      LOG.warn("Could not {}", what, e);
      throw new PortException("I could not " + what + "; the details are in my log.", e);
    }
  }

  static DeviceInfo device(Device d) {
    return new DeviceInfo(d.userId(), d.deviceId(), d.displayName(), d.ed25519(), trust(d));
  }

  /**
   * How far the bot trusts a device: an operator's block or verification wins over the owner's
   * cross-signing. The console shows the same ladder.
   */
  public static DeviceInfo.Trust trust(Device d) {
    if (d.trust() == LocalTrust.BLOCKED) {
      return DeviceInfo.Trust.BLOCKED;
    }
    if (d.trust() == LocalTrust.VERIFIED) {
      return DeviceInfo.Trust.VERIFIED;
    }
    return d.crossSigned() ? DeviceInfo.Trust.CROSS_SIGNED : DeviceInfo.Trust.UNVERIFIED;
  }

  static Verification verification(VerificationStatus v) {
    Verification.Phase phase =
        switch (v.state()) {
          case REQUESTED ->
              v.weInitiated() ? Verification.Phase.WAITING : Verification.Phase.REQUESTED;
          case READY, STARTED -> Verification.Phase.WAITING;
          case SHOW_SAS -> Verification.Phase.COMPARE;
          case CONFIRMED -> Verification.Phase.CONFIRMED;
          case DONE -> Verification.Phase.DONE;
          case CANCELLED -> Verification.Phase.CANCELLED;
        };
    return new Verification(
        v.transactionId(),
        v.otherUser(),
        v.otherDevice(),
        v.weInitiated(),
        phase,
        v.emoji().stream().map(e -> new Verification.Emoji(e.symbol(), e.name())).toList(),
        v.cancelReason().or(() -> v.cancelCode()).map(ChatEncryption::shortened));
  }

  /** The other device writes the reason; chat shows a sentence of it, not a wall of text. */
  private static String shortened(String reason) {
    String oneLine = reason.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "…";
  }

  /** Stops reporting; the bridge and machine belong to their owner and stay open. */
  @Override
  public void close() {
    reports.shutdownNow();
  }
}

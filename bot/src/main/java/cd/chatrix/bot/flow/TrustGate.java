package cd.chatrix.bot.flow;

import cd.chatrix.bot.SenderTrust;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.text.Reply;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses what a device the bot does not trust asks it to do ({@code matrix.trust_policy:
 * verified}): a short answer saying how to get the device trusted, an audit entry, and one WARN per
 * device in the log (the same device trying again is in the audit log, not the log file).
 */
public final class TrustGate {
  private static final System.Logger LOG = System.getLogger(TrustGate.class.getName());

  /** Bounds the memory of warned devices; past it a device may be warned about again. */
  private static final int REMEMBERED = 10_000;

  /** What of the refused command goes into the audit entry. */
  private static final int MAX_DETAIL = 200;

  private final Services s;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public TrustGate(Services services) {
    this.s = services;
  }

  /** Something a device asked for, for the refusal: where, what, and what to reply to. */
  public record Attempt(
      String roomId,
      String sender,
      SenderTrust trust,
      String action,
      String detail,
      Optional<Relation> relation) {}

  /** Refuses the attempt when its device is not trusted; returns whether it may go on. */
  public boolean allows(Attempt a) {
    if (a.trust().trusted()) {
      return true;
    }
    // Written before the reply goes out: whoever reads the reply finds the refusal audited.
    s.audit(
        a.sender(),
        a.roomId(),
        a.action(),
        capped(a.detail()),
        Optional.empty(),
        outcome(a.trust()));
    s.post(a.roomId(), refusal(a), a.relation());
    warnOnce(a);
    return false;
  }

  private static String capped(String detail) {
    if (detail.length() <= MAX_DETAIL) {
      return detail;
    }
    int end =
        Character.isHighSurrogate(detail.charAt(MAX_DETAIL - 1)) ? MAX_DETAIL - 1 : MAX_DETAIL;
    return detail.substring(0, end) + "…";
  }

  private Reply refusal(Attempt a) {
    String prefix = s.settings().prefix();
    return switch (a.trust()) {
      case SenderTrust.UnverifiedDevice d ->
          Reply.text("🔒 Not done: I only take orders from verified devices, and your device ")
              .code(d.deviceId())
              .add(" is not one yet. Cross-sign it from a session I trust, or have an admin run ")
              .code(prefix + " verify start " + a.sender() + " " + d.deviceId())
              .add(" from a verified device, then ask again.");
      case SenderTrust.Unauthenticated u when u.unencrypted() ->
          Reply.text(
              "🔒 Not done: that came without encryption, so I cannot tell which device sent it,"
                  + " and I only take orders from verified devices. Ask me from a verified device"
                  + " in an encrypted room.");
      case SenderTrust.Unauthenticated u ->
          Reply.text(
              "🔒 Not done: I cannot tell which device sent that (its key was passed on by"
                  + " another device). Send it again from a verified device.");
      case SenderTrust.Trusted t -> throw new IllegalStateException("trusted senders pass");
    };
  }

  private static String outcome(SenderTrust trust) {
    return switch (trust) {
      case SenderTrust.UnverifiedDevice d -> "refused: device " + d.deviceId() + " not verified";
      case SenderTrust.Unauthenticated u when u.unencrypted() ->
          "refused: unencrypted, device unknown";
      case SenderTrust.Unauthenticated u -> "refused: sending device not authenticated";
      case SenderTrust.Trusted t -> "allowed";
    };
  }

  private void warnOnce(Attempt a) {
    String device =
        switch (a.trust()) {
          case SenderTrust.UnverifiedDevice d -> d.deviceId();
          case SenderTrust.Unauthenticated u -> u.unencrypted() ? "(unencrypted)" : "(forwarded)";
          case SenderTrust.Trusted t -> "";
        };
    if (warned.size() >= REMEMBERED) {
      warned.clear();
    }
    if (warned.add(a.sender() + " " + device)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Refused {0} from {1}, device {2}: matrix.trust_policy is verified and the device is not"
              + " trusted (it is in the audit log; further refusals for this device are logged"
              + " there only)",
          a.action(),
          a.sender(),
          device);
    }
  }
}

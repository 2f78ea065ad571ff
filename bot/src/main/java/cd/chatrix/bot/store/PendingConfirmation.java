package cd.chatrix.bot.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A question the bot asked and is waiting on. {@code promptEventId} is the bot's message users
 * react to; {@code commandEventId} the command that caused it. When {@code needsApproval} is set, a
 * second eligible user must approve after the requester confirmed ({@code requesterConfirmed}).
 */
public record PendingConfirmation(
    String id,
    String roomId,
    String requester,
    String commandEventId,
    String promptEventId,
    PendingAction action,
    Instant createdAt,
    Instant expiresAt,
    boolean needsApproval,
    boolean requesterConfirmed,
    Optional<String> threadRoot) {
  public PendingConfirmation {
    threadRoot = threadRoot == null ? Optional.empty() : threadRoot;
  }

  public boolean awaitingApprover() {
    return needsApproval && requesterConfirmed;
  }

  public PendingConfirmation confirmedByRequester(Instant newExpiry) {
    return with(action, newExpiry, true);
  }

  /** The same question about another action, e.g. a run with its secret values put back. */
  public PendingConfirmation withAction(PendingAction newAction) {
    return with(newAction, expiresAt, requesterConfirmed);
  }

  private PendingConfirmation with(PendingAction newAction, Instant newExpiry, boolean confirmed) {
    return new PendingConfirmation(
        id,
        roomId,
        requester,
        commandEventId,
        promptEventId,
        newAction,
        createdAt,
        newExpiry,
        needsApproval,
        confirmed,
        threadRoot);
  }
}

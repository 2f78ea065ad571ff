package cd.chatrix.bot.store;

import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A run whose survey is being filled in, one thread of questions and answers. {@code request} holds
 * what is known so far: survey answers in its environment, secret answers in its secrets (which a
 * store never keeps in clear, so after a restart they are asked again). {@code vars} is the
 * template's survey as read when the run was asked for; {@code skipped} names the optional
 * variables the requester chose to leave out; {@code asking} the one asked last. Once only optional
 * variables are left, the confirmation is posted and {@code confirmationId} names it.
 *
 * @param threadRoot the event the questions and answers hang off (the command, or its thread)
 * @param privateQuestion the question asked last in the requester's private encrypted room (a
 *     secret asked outside an unencrypted room): an answer there that replies to it is this form's,
 *     also after a restart, and it goes with the form however the form ends
 */
public record PendingForm(
    String id,
    String roomId,
    String requester,
    String commandEventId,
    String threadRoot,
    long projectId,
    String projectName,
    String templateName,
    TaskRequest request,
    List<SurveyVar> vars,
    Set<String> skipped,
    Optional<String> asking,
    Optional<String> confirmationId,
    Optional<String> privateQuestion,
    boolean needsApproval,
    Instant createdAt,
    Instant expiresAt) {
  public PendingForm {
    vars = List.copyOf(vars);
    skipped = Set.copyOf(skipped);
    asking = asking == null ? Optional.empty() : asking;
    confirmationId = confirmationId == null ? Optional.empty() : confirmationId;
    privateQuestion = privateQuestion == null ? Optional.empty() : privateQuestion;
  }

  /** The same form with a new state of its answers. */
  public PendingForm with(
      TaskRequest newRequest,
      Set<String> newSkipped,
      Optional<String> newAsking,
      Optional<String> newConfirmation,
      Instant newExpiry) {
    return new PendingForm(
        id,
        roomId,
        requester,
        commandEventId,
        threadRoot,
        projectId,
        projectName,
        templateName,
        newRequest,
        vars,
        newSkipped,
        newAsking,
        newConfirmation,
        privateQuestion,
        needsApproval,
        createdAt,
        newExpiry);
  }

  /** The same form, asking in the private room with the question {@code eventId}. */
  public PendingForm withPrivateQuestion(String eventId) {
    return new PendingForm(
        id,
        roomId,
        requester,
        commandEventId,
        threadRoot,
        projectId,
        projectName,
        templateName,
        request,
        vars,
        skipped,
        asking,
        confirmationId,
        Optional.of(eventId),
        needsApproval,
        createdAt,
        expiresAt);
  }

  /** The run it will become, as a confirmation keeps it. */
  public PendingAction.Run action(TaskRequest finalRequest) {
    return new PendingAction.Run(projectId, projectName, templateName, finalRequest);
  }
}

package cd.chatrix.bot.flow;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.store.PendingForm;
import cd.chatrix.bot.text.Reply;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets of a run started in a room without encryption are asked in an encrypted room of the bot
 * and the requester alone: the homeserver of an unencrypted room keeps every message, and a
 * redaction does not reach its backups or other servers' copies. The rest of the form (every other
 * question, the confirmation) stays in the run's thread.
 *
 * <p>Nothing is remembered here: an answer is private when it comes, outside any thread, from an
 * encrypted room whose only members are the bot and the requester of a form that is asking for a
 * secret. So it still works after a restart, when the room is reused.
 */
final class FormsPrivately {
  private final Services s;

  FormsPrivately(Services services) {
    this.s = services;
  }

  /** Whether {@code v} must not be asked in the form's room. */
  boolean needed(PendingForm form, SurveyVar v) {
    return v.secret() && !encrypted(form.roomId());
  }

  /**
   * Asks for {@code v} in the private room, and says so in the thread (in {@code inThread}, which
   * the caller sends); false when no private room could be opened (the reason is added instead).
   */
  boolean ask(PendingForm form, SurveyVar v, Reply inThread) {
    String room;
    try {
      if (s.encryption().isEmpty()) {
        // A room it cannot write in would swallow the question.
        throw new PortException("my encryption is switched off");
      }
      room = s.chat().encryptedDirectRoom(form.requester());
    } catch (PortException e) {
      inThread
          .add("⚠️ I could not open a private encrypted room with you for ")
          .add(v.label())
          .add(" (" + e.getMessage() + "), so I ask here.")
          .nl();
      return false;
    }
    inThread
        .add("🔒 ")
        .add(v.label())
        .add(" is a secret and this room is not encrypted, so I am asking for it in a private,")
        .add(" encrypted room with you. Everything else stays here.");
    var question =
        Reply.text("🔒 For ")
            .bold(form.templateName())
            .add(" (" + form.projectName() + "), started in " + roomLabel(form.roomId()) + ":")
            .nl();
    FormTexts.ask(question, v);
    question.nl().add("Answer here. The run goes on in the thread where you started it.");
    s.send(room, question, Optional.empty());
    return true;
  }

  /**
   * Whether {@code m} comes from the bot's private room with {@code form}'s requester: its sender,
   * outside a thread, in an encrypted room of the two of them only.
   */
  boolean answers(IncomingMessage m, PendingForm form) {
    if (m.threadRoot().isPresent()
        || m.roomId().equals(form.roomId())
        || !m.sender().equals(form.requester())) {
      return false;
    }
    try {
      return s.chat()
          .roomInfo(m.roomId())
          .filter(RoomInfo::encrypted)
          .filter(r -> Set.copyOf(r.members()).equals(Set.of(s.settings().botUserId(), m.sender())))
          .isPresent();
    } catch (PortException e) {
      return false;
    }
  }

  /** The answer was read: it leaves the private room too, and both places hear so. */
  void taken(PendingForm form, IncomingMessage m, Runnable inThread) {
    String note;
    try {
      s.chat().redact(m.roomId(), m.eventId(), "held the value of a secret variable");
      note = "Got it, and I removed your message. The run goes on in its thread.";
    } catch (PortException e) {
      note = "Got it. I could not remove your message: please remove it yourself.";
    }
    s.send(m.roomId(), Reply.text(note), Optional.empty());
    inThread.run();
  }

  /** Says something in the private room (a problem with an answer given there). */
  void say(IncomingMessage m, Reply r) {
    s.send(m.roomId(), r, Optional.empty());
  }

  boolean encrypted(String roomId) {
    try {
      return s.chat().roomInfo(roomId).map(RoomInfo::encrypted).orElse(false);
    } catch (PortException e) {
      return false;
    }
  }

  private String roomLabel(String roomId) {
    try {
      return s.chat().roomInfo(roomId).map(RoomInfo::name).orElse(roomId);
    } catch (PortException e) {
      return roomId;
    }
  }
}

package cd.chatrix.bot.flow;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.store.PendingForm;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets of a run started in a room without encryption are asked in an encrypted room of the bot
 * and the requester alone: the homeserver of an unencrypted room keeps every message, and a
 * redaction does not reach its backups or other servers' copies. The rest of the form (every other
 * question, the confirmation) stays in the run's thread.
 *
 * <p>An answer is private when it comes, outside any thread, from an encrypted room whose only
 * members are the bot and the requester of a form that is asking for a secret; that needs no
 * memory, so it still works after a restart, when the room is reused. Two forms asking there at
 * once is unclear: an answer must then reply to its question, which each stored form names ({@link
 * PendingForm#privateQuestion}), so the question goes with its form however the form ends. An
 * answer that comes after its form ended is the other unclear case; for that this process alone
 * remembers, for {@link #LATE}, when a question went unanswered (after a restart the bot asks its
 * secrets again anyway). Such a message is removed, never left standing in the room.
 */
final class FormsPrivately {
  /**
   * How long after an unanswered question a message in the private room is taken for a late answer.
   */
  static final Duration LATE = Duration.ofHours(1);

  private final Services s;

  /** When a question went unanswered in a private room, by room and requester. */
  private final Map<String, Instant> unanswered = new ConcurrentHashMap<>();

  /** Which form a message in a private room answers, if any. */
  sealed interface Found {
    /** The message answers {@code form}. */
    record Answer(PendingForm form) implements Found {}

    /** Several forms ask here, and the message does not reply to one question. */
    record Unclear(List<PendingForm> forms) implements Found {}

    /** No form asks any more, but one did lately and got no answer: this may be it. */
    record Late() implements Found {}

    /** Not an answer. */
    record Nothing() implements Found {}
  }

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
    s.send(room, question, Optional.empty())
        .ifPresent(id -> s.stores().forms().save(form.withPrivateQuestion(id)));
    unanswered.put(key(room, form.requester()), s.now());
    return true;
  }

  /**
   * Which of {@code asking} (the sender's forms waiting for a secret, oldest first) {@code m}
   * answers, when it comes from their private room.
   */
  Found find(IncomingMessage m, List<PendingForm> asking) {
    List<PendingForm> here = asking.stream().filter(f -> answers(m, f)).toList();
    if (here.size() == 1) {
      return new Found.Answer(here.getFirst());
    }
    if (!here.isEmpty()) {
      return m.replyTo()
          .flatMap(q ->
              here.stream().filter(f -> f.privateQuestion().equals(Optional.of(q))).findFirst())
          .<Found>map(Found.Answer::new)
          .orElse(new Found.Unclear(here));
    }
    Instant asked = unanswered.get(key(m.roomId(), m.sender()));
    if (asked != null && asked.plus(LATE).isAfter(s.now()) && privateRoom(m)) {
      return new Found.Late();
    }
    return new Found.Nothing();
  }

  /** Several forms wait here: the message is removed, and the requester told how to answer. */
  void unclear(IncomingMessage m, List<PendingForm> forms) {
    remove(
        m,
        Reply.text("🔒 " + forms.size() + " runs are waiting for a secret from you here (")
            .add(String.join(", ", forms.stream().map(PendingForm::templateName).toList()))
            .add(
                "). I removed your message; send it again as a reply to the question it answers."));
  }

  /** A message after the form stopped asking: removed, in case it holds the secret. */
  void late(IncomingMessage m) {
    unanswered.remove(key(m.roomId(), m.sender()));
    remove(
        m,
        Reply.text(
            "🔒 Nothing is waiting for a secret here any more (the run went ahead, was cancelled"
                + " or expired), so I removed your message in case it held one. Start the run"
                + " again if you still need it."));
  }

  private void remove(IncomingMessage m, Reply note) {
    try {
      s.chat().redact(m.roomId(), m.eventId(), "may hold the value of a secret variable");
    } catch (PortException e) {
      note = Reply.text("⚠️ I could not remove your message: please remove it yourself.");
    }
    s.send(m.roomId(), note, Optional.empty());
  }

  /**
   * Forgets the questions too old for a late answer: without this a requester who never writes in
   * the private room again would stay remembered for as long as the process runs.
   */
  void forget(Instant now) {
    unanswered.values().removeIf(asked -> !asked.plus(LATE).isAfter(now));
  }

  /** How many questions this process remembers, for tests. */
  int remembered() {
    return unanswered.size();
  }

  private static String key(String roomId, String requester) {
    return roomId + " " + requester;
  }

  /**
   * Whether {@code m} comes from the bot's private room with {@code form}'s requester: its sender,
   * outside a thread, in an encrypted room of the two of them only.
   */
  boolean answers(IncomingMessage m, PendingForm form) {
    return !m.roomId().equals(form.roomId())
        && m.sender().equals(form.requester())
        && privateRoom(m);
  }

  /**
   * Whether {@code m} comes, outside a thread, from an encrypted room of its sender and the bot.
   */
  private boolean privateRoom(IncomingMessage m) {
    if (m.threadRoot().isPresent()) {
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
    unanswered.remove(key(m.roomId(), m.sender()));
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

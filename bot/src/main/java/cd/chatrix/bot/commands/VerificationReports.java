package cd.chatrix.bot.commands;

import static cd.chatrix.bot.commands.EncryptionTexts.emojiLine;
import static cd.chatrix.bot.commands.EncryptionTexts.finishedText;
import static cd.chatrix.bot.commands.EncryptionTexts.shortId;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.flow.Services;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.Verification;
import cd.chatrix.bot.port.Verification.Phase;
import cd.chatrix.bot.text.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells a room how the verifications it follows go on, as the port reports changes: the seven
 * emojis when they are ready, then "verified" or "cancelled", each once. Also remembers whether a
 * verification's emojis were posted, because confirming one nobody saw is refused.
 *
 * <p>Changes arrive on the port's thread while commands run on others; every decision about a
 * verification is one atomic map update, and nothing is held while talking to the port or chat.
 */
final class VerificationReports {
  private static final System.Logger LOG = System.getLogger(VerificationReports.class.getName());

  private final Services s;
  private final Map<String, Watch> watched = new ConcurrentHashMap<>();

  /**
   * @param room where reports go
   * @param relation the command they answer, if any
   * @param reported the last phase reported (or not worth reporting)
   * @param emojisShown whether the emojis were posted in chat
   */
  private record Watch(
      String room, Optional<Relation> relation, Phase reported, boolean emojisShown) {
    Watch at(Phase phase) {
      return new Watch(room, relation, phase, emojisShown);
    }

    Watch shown() {
      return new Watch(room, relation, reported, true);
    }
  }

  VerificationReports(Services services) {
    this.s = services;
    services.encryption().ifPresent(port -> port.onVerificationChange(this::onChange));
  }

  /** Follows a verification from this command's room, unless another room already does. */
  void follow(Verification v, CommandContext ctx) {
    watched.computeIfAbsent(v.id(), id -> new Watch(ctx.room(), ctx.relation(), v.phase(), false));
  }

  /** The command just posted this verification's emojis. */
  void shown(Verification v, CommandContext ctx) {
    follow(v, ctx);
    watched.computeIfPresent(v.id(), (id, w) -> w.shown());
  }

  private void shown(Verification v) {
    watched.computeIfPresent(v.id(), (id, w) -> w.shown());
  }

  boolean emojisShown(String id) {
    return Optional.ofNullable(watched.get(id)).map(Watch::emojisShown).orElse(false);
  }

  /** A command cancelled it and says so itself: the port's change notice stays quiet. */
  void cancelledHere(Verification v, CommandContext ctx) {
    watched.merge(
        v.id(),
        new Watch(ctx.room(), ctx.relation(), Phase.CANCELLED, false),
        (old, fresh) -> old.at(Phase.CANCELLED));
  }

  /** Reports a change that may have happened before the room followed the verification. */
  void catchUp(EncryptionPort port, String id) {
    port.verifications().stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .ifPresent(this::onChange);
  }

  /** A verification changed: reports what people need to know, once each. */
  void onChange(Verification v) {
    try {
      AtomicReference<Watch> before = new AtomicReference<>();
      Watch after =
          watched.computeIfPresent(
              v.id(),
              (id, w) -> {
                before.set(w);
                return w.at(v.phase());
              });
      if (after == null) {
        announceRequest(v);
      } else if (before.get().reported() != v.phase()) {
        report(v, before.get(), after);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not report verification " + v.id(), e);
    }
  }

  private void report(Verification v, Watch was, Watch now) {
    switch (v.phase()) {
      case COMPARE -> {
        // Counted as shown only once chat has them: a lost message must not allow a confirm.
        if (!was.emojisShown()
            && s.send(now.room(), compareEmojis(v), now.relation()).isPresent()) {
          shown(v);
        }
      }
      case DONE ->
          s.send(
              now.room(),
              Reply.text("✅ Verified: ")
                  .user(v.userId())
                  .add("'s device ")
                  .code(v.deviceId())
                  .add(" and I trust each other now."),
              now.relation());
      case CANCELLED ->
          s.send(
              now.room(),
              Reply.text("🚫 The verification with ")
                  .user(v.userId())
                  .add(" (device ")
                  .code(v.deviceId())
                  .add(") was cancelled: " + finishedText(v) + "."),
              now.relation());
      case REQUESTED, WAITING, CONFIRMED -> {}
    }
  }

  /**
   * Another device asked to verify with the bot. An admin's request is announced in an allowed room
   * they share with the bot, which then follows it; anyone else's waits in {@code verify}'s list,
   * so strangers cannot make the bot talk.
   */
  private void announceRequest(Verification v) {
    if (v.phase() != Phase.REQUESTED || v.weStarted()) {
      return;
    }
    var policy = s.policy();
    if (policy.roleOf(v.userId()) != Role.ADMIN) {
      return;
    }
    for (String room : s.chat().joinedRooms()) {
      boolean shared =
          policy.roomAllowed(room)
              && s.chat()
                  .roomInfo(room)
                  .map(RoomInfo::members)
                  .orElse(List.of())
                  .contains(v.userId());
      if (shared
          && watched.putIfAbsent(v.id(), new Watch(room, Optional.empty(), Phase.REQUESTED, false))
              == null) {
        String prefix = s.settings().prefix();
        s.send(
            room,
            Reply.text("📨 ")
                .user(v.userId())
                .add(" wants to verify their device ")
                .code(v.deviceId())
                .add(" with me. Say ")
                .code(prefix + " verify accept " + shortId(v))
                .add(" to go ahead, or ")
                .code(prefix + " verify cancel " + shortId(v))
                .add("."),
            Optional.empty());
        return;
      }
    }
  }

  private Reply compareEmojis(Verification v) {
    String prefix = s.settings().prefix();
    return Reply.text("🔐 Compare these emojis with the ones on ")
        .user(v.userId())
        .add("'s device ")
        .code(v.deviceId())
        .add(", in this order:")
        .nl()
        .bold(emojiLine(v))
        .nl()
        .add("All the same? Say ")
        .code(prefix + " verify confirm " + shortId(v))
        .add(". Any different? Say ")
        .code(prefix + " verify cancel " + shortId(v))
        .add(".");
  }
}

package cd.chatrix.bot.commands;

import static cd.chatrix.bot.commands.EncryptionTexts.deviceLine;
import static cd.chatrix.bot.commands.EncryptionTexts.emojiLine;
import static cd.chatrix.bot.commands.EncryptionTexts.finishedText;
import static cd.chatrix.bot.commands.EncryptionTexts.notComparable;
import static cd.chatrix.bot.commands.EncryptionTexts.phaseText;
import static cd.chatrix.bot.commands.EncryptionTexts.shortId;
import static cd.chatrix.bot.commands.EncryptionTexts.userArg;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.flow.Services;
import cd.chatrix.bot.port.DeviceInfo;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.Verification;
import cd.chatrix.bot.port.Verification.Phase;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.List;
import java.util.Optional;

/**
 * {@code verify}: emoji verification of devices, through the optional {@link EncryptionPort}.
 *
 * <p>A verification moves on when the other device answers, through sync, after the command that
 * started it has returned. {@link VerificationReports} tells the room that started or accepted it
 * how it goes on: the seven emojis when they are ready, then "verified" or "cancelled". {@code
 * verify} alone shows the same on demand. A verification can be confirmed only after its emojis
 * were posted in chat, so the bot never confirms something no person compared.
 */
final class Verifications {
  static final Command VERIFY =
      new Command(
          CommandSpec.of(
                  "verify",
                  "[start USER DEVICE|accept ID|confirm ID|cancel ID]",
                  Role.ADMIN,
                  "verify a device by emoji",
                  "Alone, shows verifications in progress and their emojis. start asks a device to "
                      + "verify with me; accept takes up a request from another device. When the keys "
                      + "are exchanged I post 7 emojis here: confirm only after comparing them with "
                      + "the other device, cancel if they differ. IDs may be shortened to their first "
                      + "characters, or left out when only one verification is in progress.")
              .readsWhenBare(),
          kit -> new Verifications(kit.services())::verify);

  private final Services s;
  private final VerificationReports reports;

  private Verifications(Services services) {
    this.s = services;
    this.reports = new VerificationReports(services);
  }

  private void verify(CommandContext ctx) {
    EncryptionCommand.run(
        ctx,
        s.encryption(),
        "",
        (sub, port) -> {
          switch (sub) {
            case "" -> inProgress(ctx, port);
            case "start" -> start(ctx, port);
            case "accept" -> accept(ctx, port);
            case "confirm" -> confirm(ctx, port);
            case "cancel" -> cancel(ctx, port);
            default -> throw ctx.usage("I don't know \"" + Echo.of(sub) + "\" for verify.");
          }
        });
  }

  private void inProgress(CommandContext ctx, EncryptionPort port) {
    List<Verification> open =
        port.verifications().stream().filter(v -> !v.phase().finished()).toList();
    if (open.isEmpty()) {
      ctx.say(
          Reply.text("No verifications in progress. Start one with ")
              .code(ctx.prefix() + " verify start @user:server DEVICE")
              .add("; ")
              .code(ctx.prefix() + " sessions list @user:server")
              .add(" shows device ids."));
      return;
    }
    var r = Reply.text("Verifications in progress:").nl();
    for (Verification v : open) {
      r.add("• ").code(shortId(v)).add(" with ").user(v.userId()).add(" (device ");
      r.code(v.deviceId()).add(") — ").add(phaseText(v, ctx.prefix())).nl();
      if (v.phase() == Phase.COMPARE) {
        r.add("  ").add(emojiLine(v)).nl();
      }
    }
    boolean posted = ctx.reply(r).isPresent();
    // What was just posted counts as shown; later news about these goes to this room.
    for (Verification v : open) {
      if (v.phase() == Phase.COMPARE && posted) {
        reports.shown(v, ctx);
      } else {
        reports.follow(v, ctx);
      }
    }
  }

  private void start(CommandContext ctx, EncryptionPort port) {
    String user = userArg(ctx, 1, "Whose device? Give a user id like @alice:example.org.");
    Optional<String> device = ctx.args().positional(2);
    List<DeviceInfo> devices = port.devices(user);
    if (device.isEmpty()) {
      whichDevice(ctx, user, devices);
      return;
    }
    EncryptionIdentity me = port.identity();
    if (me.userId().equals(user) && me.deviceId().equals(device.get())) {
      ctx.say("That device is me; pick another one to verify.");
      return;
    }
    if (devices.stream().noneMatch(d -> d.deviceId().equals(device.get()))) {
      ctx.say(
          Reply.text("I don't know a device ")
              .code(Echo.of(device.get()))
              .add(" of ")
              .user(user)
              .add(". ")
              .code(ctx.prefix() + " sessions list " + user)
              .add(" shows the ones I know."));
      return;
    }
    Verification v = port.start(user, device.get());
    reports.follow(v, ctx);
    s.audit(ctx.sender(), ctx.room(), "verify start", user + " " + device.get(), none(), "asked");
    ctx.say(
        Reply.text("🔐 I asked ")
            .user(user)
            .add("'s device ")
            .code(device.get())
            .add(" to verify with me (id ")
            .code(shortId(v))
            .add("). Accept it on that device, and I'll post the emojis to compare here."));
    reports.catchUp(port, v.id());
  }

  private void whichDevice(CommandContext ctx, String user, List<DeviceInfo> devices) {
    if (devices.isEmpty()) {
      ctx.say(
          Reply.text("I know no encryption devices of ")
              .user(user)
              .add(", so there is nothing to verify yet."));
      return;
    }
    var r = Reply.text("Which device of ").user(user).add("? Say ");
    r.code(ctx.prefix() + " verify start " + user + " DEVICE").add(" with one of:").nl();
    devices.forEach(d -> deviceLine(r, d, ""));
    ctx.say(r);
  }

  private void accept(CommandContext ctx, EncryptionPort port) {
    Verification v = resolve(ctx, port);
    if (v.phase() != Phase.REQUESTED) {
      ctx.say(
          Reply.text("")
              .code(shortId(v))
              .add(" is not waiting for anyone to accept it: ")
              .add(phaseText(v, ctx.prefix()))
              .add("."));
      return;
    }
    port.accept(v.id());
    reports.follow(v, ctx);
    s.audit(ctx.sender(), ctx.room(), "verify accept", subject(v), none(), "accepted");
    ctx.say("👍 Accepted. I'll post the emojis here once our devices have exchanged keys.");
    reports.catchUp(port, v.id());
  }

  private void confirm(CommandContext ctx, EncryptionPort port) {
    Verification v = resolve(ctx, port);
    if (v.phase() != Phase.COMPARE) {
      ctx.say(Reply.text("").code(shortId(v)).add(" " + notComparable(v) + "."));
      return;
    }
    if (!reports.emojisShown(v.id())) {
      ctx.say(
          Reply.text("I haven't shown the emojis of ")
              .code(shortId(v))
              .add(" here yet, so nobody compared them. ")
              .code(ctx.prefix() + " verify")
              .add(" shows them; confirm after comparing."));
      return;
    }
    port.confirm(v.id());
    s.audit(ctx.sender(), ctx.room(), "verify confirm", subject(v), none(), "emojis match");
    ctx.say(
        Reply.text("👌 Noted, the emojis match. Waiting for ")
            .user(v.userId())
            .add("'s device to confirm too."));
    reports.catchUp(port, v.id());
  }

  private void cancel(CommandContext ctx, EncryptionPort port) {
    Verification v = resolve(ctx, port);
    if (v.phase().finished()) {
      ctx.say(Reply.text("").code(shortId(v)).add(" is already over: " + finishedText(v) + "."));
      return;
    }
    boolean mismatch = v.phase() == Phase.COMPARE;
    // Noted before the port acts, so its change notice does not announce it a second time.
    reports.cancelledHere(v, ctx);
    port.cancel(v.id(), mismatch);
    s.audit(
        ctx.sender(),
        ctx.room(),
        "verify cancel",
        subject(v),
        none(),
        mismatch ? "emojis differ" : "cancelled");
    ctx.say(
        Reply.text("🚫 Cancelled ")
            .code(shortId(v))
            .add(" with ")
            .user(v.userId())
            .add(mismatch ? ". I told their device the emojis did not match." : "."));
  }

  private static Verification resolve(CommandContext ctx, EncryptionPort port) {
    List<Verification> all = port.verifications();
    Optional<String> given = ctx.args().positional(1);
    if (given.isEmpty()) {
      List<Verification> open = all.stream().filter(v -> !v.phase().finished()).toList();
      if (open.size() == 1) {
        return open.getFirst();
      }
      throw ctx.usage(
          open.isEmpty()
              ? "No verification is in progress."
              : "Which one? "
                  + open.size()
                  + " are in progress; "
                  + ctx.prefix()
                  + " verify lists them.");
    }
    String id = given.get();
    Optional<Verification> exact = all.stream().filter(v -> v.id().equals(id)).findFirst();
    if (exact.isPresent()) {
      return exact.get();
    }
    List<Verification> fits = all.stream().filter(v -> v.id().startsWith(id)).toList();
    if (fits.size() == 1) {
      return fits.getFirst();
    }
    throw new UsageException(
        fits.isEmpty()
            ? "There is no verification "
                + Echo.of(id)
                + "; "
                + ctx.prefix()
                + " verify lists the current ones."
            : Echo.of(id) + " fits more than one verification; give more of its id.");
  }

  private static String subject(Verification v) {
    return v.userId() + " " + v.deviceId();
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }
}

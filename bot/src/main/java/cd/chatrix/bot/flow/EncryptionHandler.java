package cd.chatrix.bot.flow;

import static cd.chatrix.bot.flow.EncryptionTexts.crossSigningText;
import static cd.chatrix.bot.flow.EncryptionTexts.deviceLine;
import static cd.chatrix.bot.flow.EncryptionTexts.emojiLine;
import static cd.chatrix.bot.flow.EncryptionTexts.fingerprint;
import static cd.chatrix.bot.flow.EncryptionTexts.finishedText;
import static cd.chatrix.bot.flow.EncryptionTexts.notComparable;
import static cd.chatrix.bot.flow.EncryptionTexts.phaseText;
import static cd.chatrix.bot.flow.EncryptionTexts.shortId;

import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.port.DeviceInfo;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Verification;
import cd.chatrix.bot.port.Verification.Phase;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code verify} and {@code sessions}: emoji verification of devices, and a look at the bot's keys
 * and at other users' devices, through the optional {@link EncryptionPort}.
 *
 * <p>A verification moves on when the other device answers, through sync, after the command that
 * started it has returned. {@link VerificationReports} tells the room that started or accepted it
 * how it goes on: the seven emojis when they are ready, then "verified" or "cancelled". {@code
 * verify} alone shows the same on demand. A verification can be confirmed only after its emojis
 * were posted in chat, so the bot never confirms something no person compared.
 */
final class EncryptionHandler {
  private final Services s;
  private final VerificationReports reports;

  EncryptionHandler(Services services) {
    this.s = services;
    this.reports = new VerificationReports(services);
  }

  // ---- verify ---------------------------------------------------------------------------------

  void verify(CommandContext ctx) {
    Optional<EncryptionPort> port = s.encryption();
    if (port.isEmpty()) {
      encryptionOff(ctx);
      return;
    }
    String sub = ctx.args().positional(0).map(w -> w.toLowerCase(Locale.ROOT)).orElse("");
    try {
      switch (sub) {
        case "" -> inProgress(ctx, port.get());
        case "start" -> start(ctx, port.get());
        case "accept" -> accept(ctx, port.get());
        case "confirm" -> confirm(ctx, port.get());
        case "cancel" -> cancel(ctx, port.get());
        default -> throw ctx.usage("I don't know \"" + Echo.of(sub) + "\" for verify.");
      }
    } catch (PortException e) {
      ctx.reply("❌ " + e.getMessage());
    }
  }

  private void inProgress(CommandContext ctx, EncryptionPort port) {
    List<Verification> open =
        port.verifications().stream().filter(v -> !v.phase().finished()).toList();
    if (open.isEmpty()) {
      ctx.reply(
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
      ctx.reply("That device is me; pick another one to verify.");
      return;
    }
    if (devices.stream().noneMatch(d -> d.deviceId().equals(device.get()))) {
      ctx.reply(
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
    ctx.reply(
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
      ctx.reply(
          Reply.text("I know no encryption devices of ")
              .user(user)
              .add(", so there is nothing to verify yet."));
      return;
    }
    var r = Reply.text("Which device of ").user(user).add("? Say ");
    r.code(ctx.prefix() + " verify start " + user + " DEVICE").add(" with one of:").nl();
    devices.forEach(d -> deviceLine(r, d, ""));
    ctx.reply(r);
  }

  private void accept(CommandContext ctx, EncryptionPort port) {
    Verification v = resolve(ctx, port);
    if (v.phase() != Phase.REQUESTED) {
      ctx.reply(
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
    ctx.reply("👍 Accepted. I'll post the emojis here once our devices have exchanged keys.");
    reports.catchUp(port, v.id());
  }

  private void confirm(CommandContext ctx, EncryptionPort port) {
    Verification v = resolve(ctx, port);
    if (v.phase() != Phase.COMPARE) {
      ctx.reply(Reply.text("").code(shortId(v)).add(" " + notComparable(v) + "."));
      return;
    }
    if (!reports.emojisShown(v.id())) {
      ctx.reply(
          Reply.text("I haven't shown the emojis of ")
              .code(shortId(v))
              .add(" here yet, so nobody compared them. ")
              .code(ctx.prefix() + " verify")
              .add(" shows them; confirm after comparing."));
      return;
    }
    port.confirm(v.id());
    s.audit(ctx.sender(), ctx.room(), "verify confirm", subject(v), none(), "emojis match");
    ctx.reply(
        Reply.text("👌 Noted, the emojis match. Waiting for ")
            .user(v.userId())
            .add("'s device to confirm too."));
    reports.catchUp(port, v.id());
  }

  private void cancel(CommandContext ctx, EncryptionPort port) {
    Verification v = resolve(ctx, port);
    if (v.phase().finished()) {
      ctx.reply(Reply.text("").code(shortId(v)).add(" is already over: " + finishedText(v) + "."));
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
    ctx.reply(
        Reply.text("🚫 Cancelled ")
            .code(shortId(v))
            .add(" with ")
            .user(v.userId())
            .add(mismatch ? ". I told their device the emojis did not match." : "."));
  }

  // ---- sessions -------------------------------------------------------------------------------

  void sessions(CommandContext ctx) {
    Optional<EncryptionPort> port = s.encryption();
    if (port.isEmpty()) {
      encryptionOff(ctx);
      return;
    }
    String sub = ctx.args().positional(0).map(w -> w.toLowerCase(Locale.ROOT)).orElse("info");
    try {
      switch (sub) {
        case "info" -> info(ctx, port.get());
        case "list" -> list(ctx, port.get());
        default -> throw ctx.usage("I don't know \"" + Echo.of(sub) + "\" for sessions.");
      }
    } catch (PortException e) {
      ctx.reply("❌ " + e.getMessage());
    }
  }

  private void info(CommandContext ctx, EncryptionPort port) {
    EncryptionIdentity me = port.identity();
    long open = port.verifications().stream().filter(v -> !v.phase().finished()).count();
    var r = Reply.text("🔐 Encryption is on.").nl();
    r.add("• Device: ").code(me.deviceId()).add(" of ").user(me.userId()).nl();
    r.add("• Fingerprint (ed25519): ").code(fingerprint(me.ed25519())).nl();
    r.add("• Cross-signing: " + crossSigningText(me)).nl();
    r.add("• Room keys go to: ")
        .add(
            me.roomKeysTo() == EncryptionIdentity.KeySharing.VERIFIED_ONLY
                ? "verified devices only"
                : "every device that is not blocked")
        .add(" (matrix.trust_policy)")
        .nl();
    r.add("• Verifications in progress: " + open);
    if (open > 0) {
      r.add(" (").code(ctx.prefix() + " verify").add(" shows them)");
    }
    ctx.reply(r);
  }

  private void list(CommandContext ctx, EncryptionPort port) {
    EncryptionIdentity me = port.identity();
    var users = new LinkedHashSet<String>();
    if (ctx.args().positional(1).isPresent()) {
      users.add(userArg(ctx, 1, ""));
    } else {
      users.add(me.userId());
      users.add(ctx.sender());
    }
    var r = Reply.create();
    boolean unverified = false;
    for (String user : users) {
      List<DeviceInfo> devices = port.devices(user);
      r.add("Devices of ").user(user).add(":").nl();
      if (devices.isEmpty()) {
        r.add("• none known: no encryption keys seen for this account.").nl();
      }
      for (DeviceInfo d : devices) {
        boolean mine = d.userId().equals(me.userId()) && d.deviceId().equals(me.deviceId());
        deviceLine(r, d, mine ? " (that's me)" : "");
        unverified |= !mine && d.trust() == DeviceInfo.Trust.UNVERIFIED;
      }
    }
    if (unverified) {
      r.add("Verify one with ").code(ctx.prefix() + " verify start USER DEVICE").add(".");
    }
    ctx.reply(r);
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

  private static String userArg(CommandContext ctx, int index, String missing) {
    String user = ctx.args().positional(index).orElseThrow(() -> ctx.usage(missing));
    // The spec's user id grammar: @localpart:server in printable ASCII, at most 255 bytes.
    boolean shaped =
        user.startsWith("@")
            && user.indexOf(':') > 1
            && user.length() <= 255
            && user.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    if (!shaped) {
      throw ctx.usage(
          "\"" + Echo.of(user) + "\" is not a user id; those look like @alice:example.org.");
    }
    return user;
  }

  private static String subject(Verification v) {
    return v.userId() + " " + v.deviceId();
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }

  private static void encryptionOff(CommandContext ctx) {
    ctx.reply(
        "🔓 Encryption is off, so there are no devices to verify or keys to show. Set"
            + " matrix.e2ee to true in the configuration and restart me to turn it on.");
  }
}

package cd.chatrix.bot.commands;

import static cd.chatrix.bot.commands.EncryptionTexts.crossSigningText;
import static cd.chatrix.bot.commands.EncryptionTexts.deviceLine;
import static cd.chatrix.bot.commands.EncryptionTexts.fingerprint;
import static cd.chatrix.bot.commands.EncryptionTexts.userArg;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.DeviceInfo;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code sessions [info|list [USER]]}: the bot's own keys, and which devices of a user it knows and
 * trusts, through the optional {@link EncryptionPort}.
 */
final class Sessions {
  static final Command SESSIONS =
      Command.of(
          CommandSpec.of(
                  "sessions",
                  "[info|list [USER]]",
                  Role.ADMIN,
                  "encryption keys and devices",
                  "info (the default): my device, its fingerprint, cross-signing and who gets room "
                      + "keys. list: a user's devices and whether I trust them (without a user: mine "
                      + "and yours).")
              .reads(),
          Sessions::sessions);

  private Sessions() {}

  private static void sessions(CommandContext ctx) {
    EncryptionCommand.run(
        ctx,
        ctx.services().encryption(),
        "info",
        (sub, port) -> {
          switch (sub) {
            case "info" -> info(ctx, port);
            case "list" -> list(ctx, port);
            default -> throw ctx.usage("I don't know \"" + Echo.of(sub) + "\" for sessions.");
          }
        });
  }

  private static void info(CommandContext ctx, EncryptionPort port) {
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
    ctx.say(r);
  }

  private static void list(CommandContext ctx, EncryptionPort port) {
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
    ctx.say(r);
  }
}

package cd.chatrix.bot.commands;

import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.DeviceInfo;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.Verification;
import cd.chatrix.bot.port.Verification.Phase;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;

/** How devices, keys and verifications read in chat, shared by the commands and the reports. */
final class EncryptionTexts {
  private static final int SHORT_ID = 8;

  private EncryptionTexts() {}

  static void deviceLine(Reply r, DeviceInfo d, String note) {
    r.add("• ").code(d.deviceId());
    if (!d.displayName().isBlank()) {
      r.add(" " + d.displayName());
    }
    r.add(" — " + trustText(d.trust()) + note).nl();
  }

  static String trustText(DeviceInfo.Trust trust) {
    return switch (trust) {
      case VERIFIED -> "✅ verified";
      case CROSS_SIGNED -> "☑️ cross-signed by its owner";
      case UNVERIFIED -> "⚠️ not verified";
      case BLOCKED -> "⛔ blocked";
    };
  }

  static String phaseText(Verification v, String prefix) {
    return switch (v.phase()) {
      case REQUESTED -> "they asked; accept with " + prefix + " verify accept " + shortId(v);
      case WAITING -> "waiting for the other device";
      case COMPARE ->
          "compare these emojis with the other device, then say "
              + prefix
              + " verify confirm "
              + shortId(v)
              + " (or cancel)";
      case CONFIRMED -> "you confirmed; waiting for the other device";
      case DONE, CANCELLED -> finishedText(v);
    };
  }

  static String notComparable(Verification v) {
    return switch (v.phase()) {
      case REQUESTED -> "has not been accepted yet, so there are no emojis to compare";
      case WAITING -> "has no emojis yet; I'll post them here when they are ready";
      case CONFIRMED -> "is already confirmed; waiting for the other device";
      case DONE, CANCELLED -> "is already over: " + finishedText(v);
      case COMPARE -> "is ready to compare";
    };
  }

  static String finishedText(Verification v) {
    return v.phase() == Phase.DONE
        ? "the device is verified"
        : v.cancelReason().filter(r -> !r.isBlank()).orElse("cancelled");
  }

  static String crossSigningText(EncryptionIdentity me) {
    if (me.crossSigningKey().isEmpty()) {
      return "not set up";
    }
    return me.deviceCrossSigned()
        ? "set up, and this device is signed"
        : "set up, but this device's signature is not on the server yet";
  }

  static String emojiLine(Verification v) {
    return String.join("  ", v.emojis().stream().map(e -> e.symbol() + " " + e.name()).toList());
  }

  /** The key in groups of four, as other clients show it. */
  static String fingerprint(String key) {
    var out = new StringBuilder();
    for (int i = 0; i < key.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(key, i, Math.min(key.length(), i + 4));
    }
    return out.toString();
  }

  static String shortId(Verification v) {
    return v.id().length() <= SHORT_ID ? v.id() : v.id().substring(0, SHORT_ID);
  }

  static String userArg(CommandContext ctx, int index, String missing) {
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

  static void encryptionOff(CommandContext ctx) {
    ctx.say(
        "🔓 Encryption is off, so there are no devices to verify or keys to show. Set"
            + " matrix.e2ee to true in the configuration and restart me to turn it on.");
  }
}

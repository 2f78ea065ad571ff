package cd.chatrix.app.tui;

import java.util.Objects;

/** One device (session) and how far the bot trusts it. */
public record DeviceView(String userId, String deviceId, String displayName, Trust trust) {
  public DeviceView {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(trust, "trust");
  }

  /** The bot's trust in a device. */
  public enum Trust {
    VERIFIED("verified"),
    CROSS_SIGNED("cross-signed"),
    UNVERIFIED("unverified"),
    BLOCKED("blocked");

    private final String label;

    Trust(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}

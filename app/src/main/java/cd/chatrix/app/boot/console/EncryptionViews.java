package cd.chatrix.app.boot.console;

import cd.chatrix.app.adapter.crypto.ChatEncryption;
import cd.chatrix.app.tui.DeviceView;
import cd.chatrix.app.tui.VerificationView;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.verification.VerificationState;
import cd.chatrix.crypto.verification.VerificationStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Turns the encryption machine's devices and verifications into what the console shows. */
final class EncryptionViews {
  private EncryptionViews() {}

  /** The devices of the bot's own account first, then each admin's. */
  static List<DeviceView> devices(OlmMachine machine, Collection<String> admins) {
    var users = new LinkedHashSet<String>();
    users.add(machine.userId());
    users.addAll(admins.stream().sorted().toList());
    List<DeviceView> out = new ArrayList<>();
    for (String user : users) {
      machine.devices(user).stream().map(EncryptionViews::device).forEach(out::add);
    }
    if (out.stream().noneMatch(d -> d.deviceId().equals(machine.deviceId()))) {
      // The store lists devices from /keys/query; the bot's own may not be there yet.
      out.addFirst(
          new DeviceView(
              machine.userId(), machine.deviceId(), "this bot", DeviceView.Trust.VERIFIED));
    }
    return out;
  }

  static DeviceView device(Device d) {
    DeviceView.Trust trust =
        switch (ChatEncryption.trust(d)) {
          case BLOCKED -> DeviceView.Trust.BLOCKED;
          case VERIFIED -> DeviceView.Trust.VERIFIED;
          case CROSS_SIGNED -> DeviceView.Trust.CROSS_SIGNED;
          case UNVERIFIED -> DeviceView.Trust.UNVERIFIED;
        };
    return new DeviceView(d.userId(), d.deviceId(), d.displayName(), trust);
  }

  /** Whether the bot's own device carries its self-signing signature. */
  static boolean crossSigned(OlmMachine machine) {
    return machine.devices(machine.userId()).stream()
        .filter(d -> d.deviceId().equals(machine.deviceId()))
        .anyMatch(Device::crossSigned);
  }

  /** The verification that needs the operator: the newest one still open, if any. */
  static Optional<VerificationView> pending(List<VerificationStatus> all) {
    return all.reversed().stream()
        .filter(
            v -> v.state() != VerificationState.DONE && v.state() != VerificationState.CANCELLED)
        .findFirst()
        .map(EncryptionViews::view);
  }

  static VerificationView view(VerificationStatus v) {
    VerificationView.Phase phase =
        switch (v.state()) {
          case REQUESTED ->
              v.weInitiated() ? VerificationView.Phase.WAITING : VerificationView.Phase.REQUESTED;
          case READY, STARTED, CONFIRMED -> VerificationView.Phase.WAITING;
          case SHOW_SAS -> VerificationView.Phase.COMPARE;
          case DONE -> VerificationView.Phase.DONE;
          case CANCELLED -> VerificationView.Phase.CANCELLED;
        };
    List<VerificationView.Emoji> emoji =
        phase == VerificationView.Phase.COMPARE
            ? v.emoji().stream().map(e -> new VerificationView.Emoji(e.symbol(), e.name())).toList()
            : List.of();
    return new VerificationView(v.transactionId(), v.otherUser(), v.otherDevice(), phase, emoji);
  }
}

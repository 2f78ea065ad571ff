package cd.chatrix.app.tui;

import java.util.List;

/**
 * Devices and the bot's trust in them. {@code s} starts an emoji verification with the selected
 * device; requests from other devices and the emoji comparison appear as dialogs from {@link
 * VerificationPrompt}, whichever screen is open.
 */
final class SessionsScreen extends ListScreen<DeviceView> {
  private final ConsoleContext context;

  SessionsScreen(ConsoleContext context) {
    super(
        'v',
        "Sessions",
        "s Verify selected",
        ConsoleModel::sessions,
        "User",
        "Device",
        "Name",
        "Trust");
    this.context = context;
    on('s', this::verify);
  }

  @Override
  List<String> row(DeviceView d, int width) {
    int userWidth = Math.max(14, width - 52);
    return List.of(
        Rows.clip(d.userId(), userWidth),
        Rows.clip(d.deviceId(), 14),
        Rows.clip(d.displayName(), 18),
        d.trust().label());
  }

  @Override
  String summary(List<DeviceView> devices) {
    long unverified =
        devices.stream().filter(d -> d.trust() == DeviceView.Trust.UNVERIFIED).count();
    return devices.isEmpty()
        ? "No devices known yet."
        : devices.size() + " device(s), " + unverified + " unverified";
  }

  private void verify() {
    selected(context, "No device selected.")
        .ifPresent(device ->
            context.perform(
                "Starting verification with " + device.deviceId(),
                "Verification requested; accept it on " + device.deviceId() + ".",
                a -> a.startVerification(device.userId(), device.deviceId())));
  }
}

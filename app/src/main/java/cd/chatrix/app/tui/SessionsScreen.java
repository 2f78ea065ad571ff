package cd.chatrix.app.tui;

import java.util.List;

/**
 * Devices and the bot's trust in them. {@code s} starts an emoji verification with the selected
 * device; requests from other devices and the emoji comparison appear as dialogs from {@link
 * VerificationPrompt}, whichever screen is open.
 */
final class SessionsScreen extends ListScreen<DeviceView> {

  SessionsScreen(ConsoleContext context) {
    super(context, 'v', "Sessions", "User", "Device", "Name", "Trust");
    on('s', "Verify selected", this::verify);
  }

  private void verify() {
    withSelected(
        "No device selected.",
        device ->
            context.perform(
                "Starting verification with " + device.deviceId(),
                "Verification requested; accept it on " + device.deviceId() + ".",
                a -> a.startVerification(device.userId(), device.deviceId())));
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<DeviceView> devices = model.sessions();
    int userWidth = Math.max(14, context.width() - 52);
    long unverified =
        devices.stream().filter(d -> d.trust() == DeviceView.Trust.UNVERIFIED).count();
    show(
        devices,
        d ->
            List.of(
                Rows.clip(d.userId(), userWidth),
                Rows.clip(d.deviceId(), 14),
                Rows.clip(d.displayName(), 18),
                d.trust().label()),
        devices.isEmpty()
            ? "No devices known yet."
            : devices.size() + " device(s), " + unverified + " unverified");
  }
}

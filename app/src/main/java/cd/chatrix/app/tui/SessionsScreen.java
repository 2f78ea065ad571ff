package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/**
 * Devices and the bot's trust in them. {@code s} starts an emoji verification with the selected
 * device; requests from other devices and the emoji comparison appear as dialogs from {@link
 * VerificationPrompt}, whichever screen is open.
 */
final class SessionsScreen implements ConsoleScreen {
  private final ConsoleContext context;
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table = new Table<>("User", "Device", "Name", "Trust");
  private final Label summary = new Label("");
  private List<DeviceView> shown = List.of();

  SessionsScreen(ConsoleContext context) {
    this.context = context;
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  @Override
  public char key() {
    return 'v';
  }

  @Override
  public String title() {
    return "Sessions";
  }

  @Override
  public String keys() {
    return "s Verify selected";
  }

  @Override
  public Component component() {
    return root;
  }

  @Override
  public Interactable firstFocus() {
    return table;
  }

  @Override
  public boolean handle(KeyStroke key) {
    if (key.getKeyType() != KeyType.Character || key.getCharacter() != 's') {
      return false;
    }
    int row = Rows.selected(table);
    if (row < 0) {
      context.message("No device selected.");
      return true;
    }
    DeviceView device = shown.get(row);
    context.perform(
        "Starting verification with " + device.deviceId(),
        "Verification requested; accept it on " + device.deviceId() + ".",
        a -> a.startVerification(device.userId(), device.deviceId()));
    return true;
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<DeviceView> devices = model.sessions();
    int userWidth = Math.max(14, context.width() - 52);
    List<List<String>> rows =
        devices.stream()
            .map(d ->
                List.of(
                    Rows.clip(d.userId(), userWidth),
                    Rows.clip(d.deviceId(), 14),
                    Rows.clip(d.displayName(), 18),
                    d.trust().label()))
            .toList();
    long unverified =
        devices.stream().filter(d -> d.trust() == DeviceView.Trust.UNVERIFIED).count();
    String text =
        devices.isEmpty()
            ? "No devices known yet."
            : devices.size() + " device(s), " + unverified + " unverified";
    context.ui(() -> {
      shown = devices;
      Rows.replace(table, rows);
      summary.setText(text);
    });
  }
}

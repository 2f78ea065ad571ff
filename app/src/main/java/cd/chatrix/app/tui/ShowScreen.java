package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.TextBox;

/**
 * The effective configuration, secrets already redacted by the model. Read-only on purpose: the
 * original saved this view over the config file and destroyed the real secrets.
 */
final class ShowScreen extends ConsoleScreen {
  private final TextBox text = new TextBox("", TextBox.Style.MULTI_LINE);

  ShowScreen() {
    super('c', "Show config", "↑↓ PgUp PgDn Scroll", new BorderLayout());
    text.setReadOnly(true);
    root.addComponent(text, BorderLayout.Location.CENTER);
    root.addComponent(
        new Label("Read-only; edit the config file and restart to change it."),
        BorderLayout.Location.BOTTOM);
  }

  @Override
  Interactable firstFocus() {
    return text;
  }

  @Override
  void refresh(ConsoleModel model, ConsoleContext context) {
    String config = model.effectiveConfig();
    context.ui(() -> {
      if (!text.getText().equals(config)) {
        text.setText(config);
      }
    });
  }
}

package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;

/**
 * The effective configuration, secrets already redacted by the model. Read-only on purpose: the
 * original saved this view over the config file and destroyed the real secrets.
 */
final class ShowScreen implements ConsoleScreen {
  private final Panel root = new Panel(new BorderLayout());
  private final TextBox text = new TextBox("", TextBox.Style.MULTI_LINE);

  ShowScreen() {
    text.setReadOnly(true);
    root.addComponent(text, BorderLayout.Location.CENTER);
    root.addComponent(
        new Label("Read-only; edit the config file and restart to change it."),
        BorderLayout.Location.BOTTOM);
  }

  @Override
  public char key() {
    return 'c';
  }

  @Override
  public String title() {
    return "Show config";
  }

  @Override
  public String keys() {
    return "↑↓ PgUp PgDn Scroll";
  }

  @Override
  public Component component() {
    return root;
  }

  @Override
  public Interactable firstFocus() {
    return text;
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    String config = model.effectiveConfig();
    context.ui(() -> {
      if (!text.getText().equals(config)) {
        text.setText(config);
      }
    });
  }
}

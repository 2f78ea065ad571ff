package cd.chatrix.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.CheckBox;
import com.googlecode.lanterna.gui2.ComboBox;
import com.googlecode.lanterna.gui2.GridLayout;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.TextBox;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Runtime settings. The form loads the model's values once per visit (not on every poll, which
 * would overwrite what the operator is typing) and applies only the fields that changed.
 */
final class SetScreen extends ConsoleScreen {
  private final ConsoleContext context;
  private final ComboBox<String> level = new ComboBox<>(LogsScreen.LEVELS);
  private final CheckBox greetings = new CheckBox("send greetings on start and stop");
  private final TextBox pollSeconds = new TextBox(new TerminalSize(8, 1));
  private final TextBox prefix = new TextBox(new TerminalSize(16, 1));
  private final AtomicReference<RuntimeSettings> loaded = new AtomicReference<>();

  SetScreen(ConsoleContext context) {
    super('e', "Set", "Tab Next field  Space Toggle  Enter Apply", new GridLayout(2));
    this.context = context;
    level.setReadOnly(true);
    pollSeconds.setValidationPattern(Pattern.compile("\\d{0,5}"));
    root.addComponent(new Label("Log level"));
    root.addComponent(level);
    root.addComponent(new Label("Greetings"));
    root.addComponent(greetings);
    root.addComponent(new Label("Poll every (s)"));
    root.addComponent(pollSeconds);
    root.addComponent(new Label("Command prefix"));
    root.addComponent(prefix);
    root.addComponent(new Label(""));
    root.addComponent(new Button("Apply", this::apply));
  }

  @Override
  Interactable firstFocus() {
    return level;
  }

  /** Forgets the loaded values so the next refresh fills the form afresh. */
  void reload() {
    loaded.set(null);
  }

  private void apply() {
    RuntimeSettings before = loaded.get();
    if (before == null) {
      context.message("The settings have not loaded yet; try again in a moment.");
      return;
    }
    String newLevel = level.getSelectedItem();
    boolean newGreetings = greetings.isChecked();
    String seconds = pollSeconds.getText().strip();
    String newPrefix = prefix.getText().strip();
    if (seconds.isEmpty() || Integer.parseInt(seconds) < 1) {
      context.message("Poll interval: enter a whole number of seconds, 1 or more.");
      return;
    }
    if (newPrefix.isEmpty() || newPrefix.chars().anyMatch(Character::isWhitespace)) {
      context.message("Command prefix: enter one word without spaces, e.g. !cd");
      return;
    }
    Duration interval = Duration.ofSeconds(Integer.parseInt(seconds));
    RuntimeSettings after = new RuntimeSettings(newLevel, newGreetings, interval, newPrefix);
    if (after.equals(before)) {
      context.message("Nothing changed.");
      return;
    }
    loaded.set(after);
    context.perform(
        "Applying settings",
        "Settings applied.",
        a -> {
          if (!newLevel.equals(before.logLevel())) {
            a.setLogLevel(newLevel);
          }
          if (newGreetings != before.greetings()) {
            a.setGreetings(newGreetings);
          }
          if (!interval.equals(before.pollInterval())) {
            a.setPollInterval(interval);
          }
          if (!newPrefix.equals(before.commandPrefix())) {
            a.setCommandPrefix(newPrefix);
          }
        });
  }

  @Override
  void refresh(ConsoleModel model, ConsoleContext context) {
    if (loaded.get() != null) {
      return;
    }
    RuntimeSettings settings = model.settings();
    context.ui(() -> {
      if (!loaded.compareAndSet(null, settings)) {
        return;
      }
      int index = LogsScreen.LEVELS.indexOf(settings.logLevel().toUpperCase(Locale.ROOT));
      level.setSelectedIndex(Math.max(index, 0));
      greetings.setChecked(settings.greetings());
      pollSeconds.setText(Long.toString(settings.pollInterval().toSeconds()));
      prefix.setText(settings.commandPrefix());
      // Editing usually means replacing the value: start at its end so Backspace removes it.
      pollSeconds.setCaretPosition(pollSeconds.getText().length());
      prefix.setCaretPosition(prefix.getText().length());
    });
  }
}

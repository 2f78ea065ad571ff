package cd.chatrix.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.GridLayout;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Small modal windows. They never block the calling thread (unlike Lanterna's stock dialogs, which
 * wait for the window to close), so they can be opened from key handlers and from model updates.
 * Esc always closes a dialog without acting.
 */
final class Dialogs {
  private final WindowBasedTextGUI gui;

  Dialogs(WindowBasedTextGUI gui) {
    this.gui = gui;
  }

  /** Asks a yes/no question; {@code onYes} runs on the GUI thread. Focus starts on "No". */
  Window confirm(String title, String question, String yesLabel, Runnable onYes) {
    BasicWindow window = window(title);
    Panel panel = new Panel(new LinearLayout(Direction.VERTICAL));
    panel.addComponent(new Label(question));
    Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
    Button yes =
        new Button(
            yesLabel,
            () -> {
              window.close();
              onYes.run();
            });
    Button no = new Button("No", window::close);
    buttons.addComponent(yes);
    buttons.addComponent(no);
    panel.addComponent(buttons);
    window.setComponent(panel);
    gui.addWindow(window);
    window.setFocusedInteractable(no);
    return window;
  }

  /**
   * Asks for one or more text values; {@code onOk} gets them (trimmed) on the GUI thread. Empty
   * answers are refused by the caller's action, which says why.
   */
  Window prompt(
      String title, List<String> labels, List<String> initial, Consumer<List<String>> onOk) {
    BasicWindow window = window(title);
    Panel form = new Panel(new GridLayout(2));
    List<TextBox> boxes = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      form.addComponent(new Label(labels.get(i)));
      TextBox box = new TextBox(new TerminalSize(40, 1));
      box.setText(i < initial.size() ? initial.get(i) : "");
      boxes.add(box);
      form.addComponent(box);
    }
    Runnable ok =
        () -> {
          window.close();
          onOk.accept(boxes.stream().map(b -> b.getText().trim()).toList());
        };
    Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
    buttons.addComponent(new Button("OK", ok));
    buttons.addComponent(new Button("Cancel", window::close));
    form.addComponent(new Label(""));
    form.addComponent(buttons);
    window.setComponent(form);
    TextBox last = boxes.getLast();
    window.addWindowListener(
        new WindowListenerAdapter() {
          @Override
          public void onInput(Window w, KeyStroke key, AtomicBoolean deliver) {
            if (key.getKeyType() == KeyType.Enter && w.getFocusedInteractable() == last) {
              deliver.set(false);
              ok.run();
            }
          }
        });
    gui.addWindow(window);
    window.setFocusedInteractable(boxes.getFirst());
    return window;
  }

  /** Shows a panel in a modal window that Esc closes. */
  BasicWindow show(String title, Panel content) {
    BasicWindow window = window(title);
    window.setComponent(content);
    gui.addWindow(window);
    return window;
  }

  private static BasicWindow window(String title) {
    BasicWindow window = new BasicWindow(title);
    window.setHints(Set.of(Window.Hint.CENTERED, Window.Hint.MODAL));
    window.setCloseWindowWithEscape(true);
    return window;
  }
}

package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.GridLayout;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the model's verification and shows the matching dialog: accept a request, wait for the
 * other side, or compare the seven emoji. Runs on the GUI thread. Once the operator has answered a
 * step it is not shown again, even while the model still reports it.
 */
final class VerificationPrompt {
  private final ConsoleContext context;
  private final Set<String> answered = new HashSet<>();
  private BasicWindow open;
  private String openStep = "";

  VerificationPrompt(ConsoleContext context) {
    this.context = context;
  }

  void update(Optional<VerificationView> current) {
    if (current.isEmpty()) {
      close();
      return;
    }
    VerificationView v = current.get();
    String step = v.id() + "/" + v.phase();
    if (step.equals(openStep) && open != null && open.getTextGUI() != null) {
      return;
    }
    close();
    if (answered.contains(step)) {
      return;
    }
    switch (v.phase()) {
      case REQUESTED -> showRequest(v, step);
      case WAITING -> showWaiting(v, step);
      case COMPARE -> showEmoji(v, step);
      case DONE -> {
        answered.add(step);
        context.message("Verified " + v.userId() + " / " + v.deviceId() + ".");
      }
      case CANCELLED -> {
        answered.add(step);
        context.message("Verification with " + v.deviceId() + " was cancelled.");
      }
    }
  }

  private void showRequest(VerificationView v, String step) {
    Panel panel = vertical();
    panel.addComponent(new Label(v.userId() + " (" + v.deviceId() + ") asks to verify the bot."));
    panel.addComponent(
        buttons(
            new Button(
                "Accept", () -> answer(step, "Accepting", "Accepted; waiting for emoji.", v, true)),
            new Button("Decline", () -> answer(step, "Declining", "Declined.", v, false))));
    show("Verification request", panel, step);
  }

  private void showWaiting(VerificationView v, String step) {
    Panel panel = vertical();
    panel.addComponent(new Label("Waiting for " + v.deviceId() + " to answer…"));
    panel.addComponent(
        buttons(new Button("Cancel", () -> answer(step, "Cancelling", "Cancelled.", v, false))));
    show("Verification", panel, step);
  }

  private void showEmoji(VerificationView v, String step) {
    Panel panel = vertical();
    panel.addComponent(new Label("Do these emoji appear, in this order, on " + v.deviceId() + "?"));
    Panel grid = new Panel(new GridLayout(7));
    for (VerificationView.Emoji e : v.emoji()) {
      grid.addComponent(new Label(" " + e.symbol() + " "));
    }
    for (VerificationView.Emoji e : v.emoji()) {
      grid.addComponent(new Label(e.name()));
    }
    panel.addComponent(grid);
    Button match = new Button("Match", () -> confirm(step, v));
    Button noMatch =
        new Button(
            "No match", () -> answer(step, "Cancelling", "Emoji differed; cancelled.", v, false));
    panel.addComponent(buttons(match, noMatch));
    show("Compare emoji", panel, step);
  }

  private void confirm(String step, VerificationView v) {
    answered.add(step);
    close();
    context.perform(
        "Confirming the emoji",
        "Emoji confirmed for " + v.deviceId() + ".",
        a -> a.confirmVerification(v.id()));
  }

  private void answer(String step, String doing, String done, VerificationView v, boolean accept) {
    answered.add(step);
    close();
    if (accept) {
      context.perform(doing, done, a -> a.acceptVerification(v.id()));
    } else {
      context.perform(doing, done, a -> a.cancelVerification(v.id()));
    }
  }

  private void show(String title, Panel panel, String step) {
    open = context.dialogs().show(title, panel);
    // The operator must answer: closing with Esc would only bring the same question back.
    open.setCloseWindowWithEscape(false);
    openStep = step;
  }

  private void close() {
    if (open != null) {
      open.close();
      open = null;
      openStep = "";
    }
  }

  private static Panel vertical() {
    return new Panel(new LinearLayout(Direction.VERTICAL));
  }

  private static Panel buttons(Button... buttons) {
    Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
    for (Button b : buttons) {
      row.addComponent(b);
    }
    return row;
  }
}

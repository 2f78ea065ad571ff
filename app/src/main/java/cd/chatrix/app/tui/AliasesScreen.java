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

/** Command aliases: list, add, remove. The bot validates names against its reserved words. */
final class AliasesScreen implements ConsoleScreen {
  private final ConsoleContext context;
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table = new Table<>("Alias", "Command");
  private final Label summary = new Label("");
  private List<AliasView> shown = List.of();

  AliasesScreen(ConsoleContext context) {
    this.context = context;
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  @Override
  public char key() {
    return 'x';
  }

  @Override
  public String title() {
    return "Aliases";
  }

  @Override
  public String keys() {
    return "n New  d Delete";
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
    if (key.getKeyType() != KeyType.Character) {
      return false;
    }
    switch (key.getCharacter()) {
      case 'n' -> add();
      case 'd' -> remove();
      default -> {
        return false;
      }
    }
    return true;
  }

  private void add() {
    context
        .dialogs()
        .prompt(
            "New alias",
            List.of("Alias", "Command"),
            List.of(),
            values -> {
              String alias = values.get(0);
              String command = values.get(1);
              if (alias.isEmpty() || command.isEmpty()) {
                context.message("Nothing added: an alias needs both a name and a command.");
                return;
              }
              context.perform(
                  "Adding alias " + alias,
                  "Alias " + alias + " added.",
                  a -> a.addAlias(alias, command));
            });
  }

  private void remove() {
    int row = Rows.selected(table);
    if (row < 0) {
      context.message("No alias selected.");
      return;
    }
    AliasView alias = shown.get(row);
    context
        .dialogs()
        .confirm(
            "Delete alias",
            "Delete alias " + alias.alias() + " → " + alias.command() + "?",
            "Delete",
            () ->
                context.perform(
                    "Deleting alias " + alias.alias(),
                    "Alias " + alias.alias() + " deleted.",
                    a -> a.removeAlias(alias.alias())));
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<AliasView> aliases = model.aliases();
    int commandWidth = Math.max(20, context.width() - 24);
    List<List<String>> rows =
        aliases.stream()
            .map(a -> List.of(Rows.clip(a.alias(), 20), Rows.clip(a.command(), commandWidth)))
            .toList();
    String text =
        aliases.isEmpty() ? "No aliases yet. Press n to add one." : aliases.size() + " alias(es)";
    context.ui(() -> {
      shown = aliases;
      Rows.replace(table, rows);
      summary.setText(text);
    });
  }
}

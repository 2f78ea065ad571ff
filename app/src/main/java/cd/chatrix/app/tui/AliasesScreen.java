package cd.chatrix.app.tui;

import java.util.List;

/** Command aliases: list, add, remove. The bot validates names against its reserved words. */
final class AliasesScreen extends ListScreen<AliasView> {

  AliasesScreen(ConsoleContext context) {
    super(context, 'x', "Aliases", "Alias", "Command");
    on('n', "New", this::add);
    on('d', "Delete", this::remove);
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
    withSelected(
        "No alias selected.",
        alias ->
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
                            a -> a.removeAlias(alias.alias()))));
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<AliasView> aliases = model.aliases();
    int commandWidth = Math.max(20, context.width() - 24);
    show(
        aliases,
        a -> List.of(Rows.clip(a.alias(), 20), Rows.clip(a.command(), commandWidth)),
        aliases.isEmpty() ? "No aliases yet. Press n to add one." : aliases.size() + " alias(es)");
  }
}

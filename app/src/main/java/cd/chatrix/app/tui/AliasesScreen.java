package cd.chatrix.app.tui;

import java.util.List;

/** Command aliases: list, add, remove. The bot validates names against its reserved words. */
final class AliasesScreen extends ListScreen<AliasView> {
  private final ConsoleContext context;

  AliasesScreen(ConsoleContext context) {
    super('x', "Aliases", "n New  d Delete", ConsoleModel::aliases, "Alias", "Command");
    this.context = context;
    on('n', this::add);
    on('d', this::remove);
  }

  @Override
  List<String> row(AliasView a, int width) {
    int commandWidth = Math.max(20, width - 24);
    return List.of(Rows.clip(a.alias(), 20), Rows.clip(a.command(), commandWidth));
  }

  @Override
  String summary(List<AliasView> aliases) {
    return aliases.isEmpty()
        ? "No aliases yet. Press n to add one."
        : aliases.size() + " alias(es)";
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
    selected(context, "No alias selected.")
        .ifPresent(alias ->
            context.confirmThenPerform(
                "Delete alias",
                "Delete alias " + alias.alias() + " → " + alias.command() + "?",
                "Delete",
                "Deleting alias " + alias.alias(),
                "Alias " + alias.alias() + " deleted.",
                a -> a.removeAlias(alias.alias())));
  }
}

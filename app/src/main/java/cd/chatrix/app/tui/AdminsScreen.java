package cd.chatrix.app.tui;

import java.util.List;

/** Who may administer the bot (read from the configuration). */
final class AdminsScreen extends ListScreen<String> {

  AdminsScreen(ConsoleContext context) {
    super(context, 'a', "Admins", "Admin");
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<String> admins = model.admins();
    show(
        admins,
        List::of,
        admins.isEmpty()
            ? "No admins configured, so everyone counts as one: list Matrix ids in admin_users in the config."
            : admins.size() + " admin(s); change admin_users in the config file to edit the list.");
  }
}

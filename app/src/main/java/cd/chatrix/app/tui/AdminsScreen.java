package cd.chatrix.app.tui;

import java.util.List;

/** Who may administer the bot (read from the configuration). */
final class AdminsScreen extends ListScreen<String> {

  AdminsScreen() {
    super('a', "Admins", "↑↓ Scroll", ConsoleModel::admins, "Admin");
  }

  @Override
  List<String> row(String admin, int width) {
    return List.of(admin);
  }

  @Override
  String summary(List<String> admins) {
    return admins.isEmpty()
        ? "No admins configured, so everyone counts as one: list Matrix ids in admin_users in the config."
        : admins.size() + " admin(s); change admin_users in the config file to edit the list.";
  }
}

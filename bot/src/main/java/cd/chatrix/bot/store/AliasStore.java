package cd.chatrix.bot.store;

import java.util.Map;

/** Where aliases live ({@code aliases.json} in production): a flat map alias → command. */
public interface AliasStore {
  Map<String, String> load();

  void save(Map<String, String> aliases);
}

package cd.chatrix.app.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Every secret value in a configuration. Found by walking the records rather than by a hand-kept
 * list, so a secret key added to the config later is redacted from logs without anyone remembering
 * to list it here.
 */
public final class ConfigSecrets {
  private ConfigSecrets() {}

  public static List<String> of(ChatrixConfig config) {
    List<String> found = new ArrayList<>();
    collect(config, found);
    return List.copyOf(found);
  }

  private static void collect(Object value, List<String> found) {
    switch (value) {
      case null -> {}
      case Secret secret when secret.isPresent() -> found.add(secret.reveal());
      case Record record -> {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
          collect(read(component, record), found);
        }
      }
      // Collections, not Iterables: a Path is an Iterable of Paths and would never end.
      case java.util.Collection<?> items -> items.forEach(item -> collect(item, found));
      case java.util.Map<?, ?> map -> map.values().forEach(item -> collect(item, found));
      case java.util.Optional<?> optional -> optional.ifPresent(item -> collect(item, found));
      default -> {}
    }
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read config field " + component.getName(), e);
    }
  }
}

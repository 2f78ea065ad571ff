package cd.chatrix.app.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable maps that keep insertion order, so -s shows keys in the order the file has them. */
final class ConfigMaps {
  private ConfigMaps() {}

  static <K, V> Map<K, V> ordered(Map<K, V> source) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(source));
  }
}

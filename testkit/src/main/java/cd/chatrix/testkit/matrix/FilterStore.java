package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Filters uploaded with POST /user/{userId}/filter; ids are per-user list indexes. */
final class FilterStore {
  private final Map<String, List<JsonNode>> byUser = new HashMap<>();

  String put(String userId, JsonNode filter) {
    List<JsonNode> own = byUser.computeIfAbsent(userId, k -> new ArrayList<>());
    own.add(filter.deepCopy());
    return Integer.toString(own.size() - 1);
  }

  Optional<JsonNode> get(String userId, String filterId) {
    List<JsonNode> own = byUser.getOrDefault(userId, List.of());
    try {
      int index = Integer.parseInt(filterId);
      return index >= 0 && index < own.size() ? Optional.of(own.get(index)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

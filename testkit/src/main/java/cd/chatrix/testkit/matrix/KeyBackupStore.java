package cd.chatrix.testkit.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Server-side key backup: versions per user and the encrypted session keys stored in each. */
final class KeyBackupStore {
  static final class Version {
    final String version;
    final String algorithm;
    JsonNode authData;
    long etag;
    final Map<String, Map<String, JsonNode>> rooms = new LinkedHashMap<>();

    Version(String version, String algorithm, JsonNode authData) {
      this.version = version;
      this.algorithm = algorithm;
      this.authData = authData;
    }

    int count() {
      return rooms.values().stream().mapToInt(Map::size).sum();
    }
  }

  private final Map<String, Map<String, Version>> byUser = new LinkedHashMap<>();
  private long nextVersion = 1;

  Version create(String userId, String algorithm, JsonNode authData) {
    Version version = new Version(Long.toString(nextVersion++), algorithm, authData.deepCopy());
    byUser.computeIfAbsent(userId, k -> new LinkedHashMap<>()).put(version.version, version);
    return version;
  }

  Optional<Version> latest(String userId) {
    Map<String, Version> own = byUser.getOrDefault(userId, Map.of());
    return own.isEmpty()
        ? Optional.empty()
        : Optional.of(own.values().stream().reduce((a, b) -> b).orElseThrow());
  }

  Optional<Version> version(String userId, String version) {
    return Optional.ofNullable(byUser.getOrDefault(userId, Map.of()).get(version));
  }

  boolean delete(String userId, String version) {
    return byUser.getOrDefault(userId, new LinkedHashMap<>()).remove(version) != null;
  }

  /** Stores a session key unless the one already there is better, by the spec's ordering. */
  static void put(Version version, String roomId, String sessionId, JsonNode candidate) {
    Map<String, JsonNode> sessions =
        version.rooms.computeIfAbsent(roomId, k -> new LinkedHashMap<>());
    JsonNode existing = sessions.get(sessionId);
    if (existing == null || better(candidate, existing)) {
      sessions.put(sessionId, candidate.deepCopy());
      version.etag++;
    }
  }

  private static boolean better(JsonNode candidate, JsonNode existing) {
    boolean newVerified = candidate.path("is_verified").asBoolean(false);
    boolean oldVerified = existing.path("is_verified").asBoolean(false);
    if (newVerified != oldVerified) {
      return newVerified;
    }
    long newIndex = candidate.path("first_message_index").asLong(Long.MAX_VALUE);
    long oldIndex = existing.path("first_message_index").asLong(Long.MAX_VALUE);
    if (newIndex != oldIndex) {
      return newIndex < oldIndex;
    }
    return candidate.path("forwarded_count").asLong(Long.MAX_VALUE)
        < existing.path("forwarded_count").asLong(Long.MAX_VALUE);
  }

  static ObjectNode describe(Version version) {
    ObjectNode out = Json.object();
    out.put("version", version.version);
    out.put("algorithm", version.algorithm);
    out.set("auth_data", version.authData.deepCopy());
    out.put("count", version.count());
    out.put("etag", Long.toString(version.etag));
    return out;
  }
}

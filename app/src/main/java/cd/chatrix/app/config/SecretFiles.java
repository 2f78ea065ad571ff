package cd.chatrix.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code <secret>_file} keys (Docker and Kubernetes secrets, systemd credentials): the
 * file's content, trimmed, becomes the secret's value. Relative paths are taken from the config
 * file's folder, like every other path in the file.
 */
final class SecretFiles {

  /** Secret keys; each may instead be given as {@code <key>_file}. */
  static final Set<String> SECRET_KEYS =
      Set.of(
          "matrix.password",
          "matrix.access_token",
          "matrix.login_token",
          "matrix.oidc_client_secret",
          "matrix.pickle_key",
          "semaphore.api_token",
          "semaphore.password",
          "http.webhook_secret",
          "store.password");

  static final String SUFFIX = "_file";

  private final Path baseDir;

  SecretFiles(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** Replaces each {@code *_file} in {@code root} by the secret it points to. */
  void resolve(ObjectNode root, List<ConfigProblem> problems) {
    for (String keyPath : SECRET_KEYS) {
      String[] parts = keyPath.split("\\.");
      if (!(root.get(parts[0]) instanceof ObjectNode section)) {
        continue;
      }
      String fileKey = parts[1] + SUFFIX;
      JsonNode fileValue = section.get(fileKey);
      if (fileValue == null || fileValue.isNull()) {
        section.remove(fileKey);
        continue;
      }
      section.remove(fileKey);
      String location = fileValue.isString() ? fileValue.stringValue().strip() : "";
      if (location.isEmpty()) {
        if (!fileValue.isString()) {
          problems.add(new ConfigProblem(keyPath + SUFFIX, "must be a file path (a string)", ""));
        }
        continue;
      }
      JsonNode inline = section.get(parts[1]);
      if (inline != null && inline.isString() && !inline.stringValue().isEmpty()) {
        problems.add(
            new ConfigProblem(
                keyPath,
                "is set both directly and through " + keyPath + SUFFIX,
                "keep only one of the two"));
        continue;
      }
      read(keyPath, location, problems).ifPresent(secret -> section.put(parts[1], secret));
    }
  }

  private Optional<String> read(String keyPath, String location, List<ConfigProblem> problems) {
    Path file = baseDir.resolve(location);
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (content.isEmpty()) {
        problems.add(
            new ConfigProblem(
                keyPath + SUFFIX, "the file " + file + " is empty", "put the secret in it"));
        return Optional.empty();
      }
      return Optional.of(content);
    } catch (NoSuchFileException e) {
      problems.add(
          new ConfigProblem(
              keyPath + SUFFIX,
              "the file " + file + " does not exist",
              "check the path, or mount the secret there"));
    } catch (IOException | SecurityException e) {
      problems.add(
          new ConfigProblem(
              keyPath + SUFFIX,
              "the file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")",
              "make it readable by the user running ChatrixCD"));
    }
    return Optional.empty();
  }
}

package cd.chatrix.app.config;

import cd.chatrix.app.config.MatrixConfig.AuthType;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The values of an existing config file as written, before {@code ${VAR}} expansion and {@code
 * *_file} reading, so the wizard can offer them back unchanged: an indirection stays an indirection
 * unless the person answers with something else.
 */
final class StoredValues {

  /** Where a secret currently comes from. */
  sealed interface SecretSource {
    /** Written in the file itself. */
    record Inline() implements SecretSource {}

    /** Read from the file named by {@code <key>_file}. */
    record FromFile(String location) implements SecretSource {}

    /** A {@code ${VAR}} reference, expanded at start-up. */
    record Variable(String reference) implements SecretSource {}

    /** Not set in the file. */
    record None() implements SecretSource {}
  }

  private final JsonNode root;

  private StoredValues(JsonNode root) {
    this.root = root;
  }

  static StoredValues of(JsonNode root) {
    return new StoredValues(root);
  }

  static StoredValues none() {
    return new StoredValues(LenientJson.MAPPER.createObjectNode());
  }

  private JsonNode node(String keyPath) {
    JsonNode node = root;
    for (String part : keyPath.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  /** The text written for {@code keyPath}, if it is a non-blank scalar. */
  Optional<String> text(String keyPath) {
    JsonNode node = node(keyPath);
    if (node.isString() && !node.stringValue().isBlank()) {
      return Optional.of(node.stringValue().strip());
    }
    return node.isNumber() || node.isBoolean() ? Optional.of(node.asString()) : Optional.empty();
  }

  /** A list as the wizard shows it: comma-separated, or the {@code ${VAR}} written instead. */
  Optional<String> list(String keyPath) {
    JsonNode node = node(keyPath);
    if (node.isString()) {
      return Optional.of(node.stringValue().strip());
    }
    if (!node.isArray()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(
            ", ",
            node.valueStream().filter(JsonNode::isString).map(JsonNode::stringValue).toList()));
  }

  SecretSource secret(String keyPath) {
    JsonNode file = node(keyPath + SecretFiles.SUFFIX);
    if (file.isString() && !file.stringValue().isBlank()) {
      return new SecretSource.FromFile(file.stringValue().strip());
    }
    JsonNode inline = node(keyPath);
    if (inline.isString() && !inline.stringValue().isEmpty()) {
      return inline.stringValue().contains("${") && !inline.stringValue().contains("$${")
          ? new SecretSource.Variable(inline.stringValue().strip())
          : new SecretSource.Inline();
    }
    return new SecretSource.None();
  }

  /**
   * The login the file means: as the loader reads it, the original's {@code oidc} without an issuer
   * and client keys is single sign-on.
   */
  AuthType authType() {
    String written = text("matrix.auth_type").orElse("password");
    for (AuthType type : List.of(AuthType.values())) {
      if (type.wireName().equalsIgnoreCase(written)) {
        boolean clientCredentials =
            text("matrix.oidc_issuer").isPresent()
                || text("matrix.oidc_client_id").isPresent()
                || !(secret("matrix.oidc_client_secret") instanceof SecretSource.None);
        return type == AuthType.OIDC && !clientCredentials ? AuthType.SSO : type;
      }
    }
    return AuthType.PASSWORD;
  }
}

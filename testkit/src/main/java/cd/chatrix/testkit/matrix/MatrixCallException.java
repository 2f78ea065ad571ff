package cd.chatrix.testkit.matrix;

import tools.jackson.databind.JsonNode;

/** A {@link TestUser} request the homeserver answered with an error status. */
public final class MatrixCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonNode body;

  MatrixCallException(String method, String path, int status, JsonNode body) {
    super(method + " " + path + " answered " + status + " " + body.path("errcode").asString(""));
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The Matrix error code, e.g. {@code M_FORBIDDEN}, or empty when the body had none. */
  public String errcode() {
    return body.path("errcode").asString("");
  }

  public JsonNode body() {
    return body;
  }
}

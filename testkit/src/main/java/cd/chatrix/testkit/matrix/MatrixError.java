package cd.chatrix.testkit.matrix;

import tools.jackson.databind.node.ObjectNode;

/**
 * A Matrix error response (status, errcode, message and optional extra fields) thrown by handlers.
 */
final class MatrixError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errcode;
  private final ObjectNode extra;

  MatrixError(int status, String errcode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errcode = errcode;
    this.extra = Json.object();
  }

  static MatrixError badRequest(String errcode, String message) {
    return new MatrixError(400, errcode, message);
  }

  static MatrixError forbidden(String message) {
    return new MatrixError(403, "M_FORBIDDEN", message);
  }

  static MatrixError notFound(String message) {
    return new MatrixError(404, "M_NOT_FOUND", message);
  }

  static MatrixError missingParam(String name) {
    return badRequest("M_MISSING_PARAM", "The request needs the parameter '" + name + "'.");
  }

  MatrixError with(String field, Object value) {
    extra.set(field, Json.valueOf(value));
    return this;
  }

  int status() {
    return status;
  }

  Reply toReply() {
    ObjectNode body = Json.object();
    if (!errcode.isEmpty()) {
      body.put("errcode", errcode);
      body.put("error", getMessage());
    }
    body.setAll(extra);
    return Reply.json(status, body);
  }
}

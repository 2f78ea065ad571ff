package cd.chatrix.matrix.http;

/** One step of the transport chain, in the spirit of an OkHttp interceptor. */
@FunctionalInterface
public interface Layer {
  HttpResult handle(MatrixRequest request, Chain next);

  /** The rest of the chain below a layer. */
  @FunctionalInterface
  interface Chain {
    HttpResult proceed(MatrixRequest request);
  }
}

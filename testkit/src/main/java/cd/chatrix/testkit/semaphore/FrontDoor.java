package cd.chatrix.testkit.semaphore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's single public port. The JDK HttpServer cannot hand over a socket for a websocket
 * upgrade, so this small front reads each request head: {@code GET /api/ws} with {@code Upgrade:
 * websocket} is answered here (RFC 6455 handshake, then {@link WsHub}); any other request is passed
 * on to the HttpServer on an internal port ({@link BackendLink}) and its answer back. Clients
 * therefore see one base URL, as with a real Semaphore.
 *
 * <p>Connections are kept alive between requests, as Semaphore's own server keeps them: it serves
 * with Go's {@code http.ListenAndServe} on a zero-value {@code http.Server} ({@code
 * semaphoreui/semaphore} cli/cmd/root.go, {@code runService}), whose HTTP keep-alives are on by
 * default ({@code net/http} {@code Server.SetKeepAlivesEnabled}: "By default, keep-alives are
 * always enabled") and whose idle connections never time out ({@code IdleTimeout} and {@code
 * ReadTimeout} zero: no timeout). A client that asks {@code Connection: close} gets it. Every
 * request head still passes through here, so {@link Faults#inject injected faults} are served per
 * request (resets and silent reads need the raw socket); a fault's answer ends its connection. The
 * front can also stop and start listening on the same port, as a restarted Semaphore does, and
 * stopping cuts the kept connections too, as the exiting process does.
 */
final class FrontDoor implements AutoCloseable {
  private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private final int backendPort;
  private final SimStore store;
  private final WsHub hub;
  private final Faults faults;
  private final RequestLog log;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final int port;
  private volatile ServerSocket server;
  private volatile Thread acceptor;

  FrontDoor(int backendPort, SimStore store, WsHub hub, Faults faults, RequestLog log)
      throws IOException {
    this.backendPort = backendPort;
    this.store = store;
    this.hub = hub;
    this.faults = faults;
    this.log = log;
    this.port = listen(0);
  }

  int port() {
    return port;
  }

  /** Stops listening and cuts every open connection, as a server process that exits does. */
  synchronized void stopListening() {
    ServerSocket s = server;
    if (s == null) {
      return;
    }
    server = null;
    closeQuietly(s);
    acceptor.interrupt();
    // The port is released only once the accept thread has left accept(): wait, so a stopped
    // simulator refuses connections from the moment this returns.
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    open.forEach(FrontDoor::closeQuietly);
    open.clear();
  }

  /** Listens again on the same port. */
  synchronized void startListening() throws IOException {
    if (server == null) {
      listen(port);
    }
  }

  boolean listening() {
    return server != null;
  }

  private int listen(int wanted) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 512);
    server = s;
    acceptor = Thread.ofVirtual().name("sim-front").start(() -> acceptLoop(s));
    return s.getLocalPort();
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket c = s.accept();
        Thread.ofVirtual().name("sim-conn").start(() -> handle(c));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    open.add(client);
    try (client;
        BackendLink backend = new BackendLink(backendPort)) {
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      boolean more = true;
      while (more) {
        Optional<MessageHead> head = MessageHead.read(in);
        if (head.isEmpty()) {
          return;
        }
        more = serve(client, in, out, head.get(), backend);
      }
    } catch (IOException e) {
      // The peer went away; each connection is independent, so nothing else to do.
    } finally {
      open.remove(client);
    }
  }

  /** One request on {@code client}; says whether the connection stays open for another. */
  private boolean serve(
      Socket client, InputStream in, OutputStream out, MessageHead request, BackendLink backend)
      throws IOException {
    String method = request.first();
    String target = request.second();
    String path = target.split("\\?")[0];
    String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
    boolean upgrade = "websocket".equalsIgnoreCase(request.header("upgrade"));
    Optional<Faults.Fault> fault = faults.take(method, path);
    if (upgrade && (path.equals("/api/ws") || path.equals("/api/ws/"))) {
      websocket(client, request.headers(), fault);
      return false;
    }
    if (request.expectsContinue() && request.requestFraming() != MessageHead.Framing.NONE) {
      // Go's server says 100 Continue when the handler first reads the body (net/http's
      // expectContinueReader); the front reads every body, so it says it here.
      out.write(CONTINUE);
      out.flush();
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    request.relayBody(request.requestFraming(), in, body);
    if (fault.isPresent()) {
      if (fault.get().kind() == Faults.Kind.ANSWER_LOST) {
        // Handled as usual; only the answer never reaches the client.
        backend.exchange(request, body.toByteArray(), OutputStream.nullOutputStream(), true);
      }
      // A fault's answer ends its connection (Connection: close), as before keep-alive.
      int status = FaultAnswers.serve(client, in, fault.get());
      log.add(
          new RecordedRequest(
              Instant.now(),
              method,
              trimmed(path),
              query,
              body.toString(StandardCharsets.UTF_8),
              status));
      return false;
    }
    return backend.exchange(request, body.toByteArray(), out, request.closes());
  }

  private static String trimmed(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private void websocket(Socket client, Map<String, String> headers, Optional<Faults.Fault> fault)
      throws IOException {
    OutputStream out = client.getOutputStream();
    if (faults.refuseWebsockets()
        || fault.map(f -> f.kind() == Faults.Kind.WS_REFUSE).orElse(false)) {
      record(503);
      out.write(
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      return;
    }
    if (fault.isPresent() && fault.get().kind() != Faults.Kind.WS_DROP) {
      // An HTTP fault aimed at the websocket path: answered like any other request.
      record(FaultAnswers.serve(client, client.getInputStream(), fault.get()));
      return;
    }
    Optional<SimModel.User> user =
        store.authenticate(headers.get("authorization"), headers.get("cookie"));
    if (user.isEmpty()) {
      record(401);
      out.write(
          "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      return;
    }
    String accept = accept(headers.getOrDefault("sec-websocket-key", ""));
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    record(101);
    if (fault.isPresent()) {
      return; // WS_DROP: accepted, then cut without a close frame
    }
    hub.serve(client, user.get().id);
  }

  private void record(int status) {
    log.add(new RecordedRequest(Instant.now(), "GET", "/api/ws", "", "", status));
  }

  static String accept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every JDK", e);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    stopListening();
  }
}

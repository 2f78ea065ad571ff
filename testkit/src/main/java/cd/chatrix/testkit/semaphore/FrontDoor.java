package cd.chatrix.testkit.semaphore;

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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's single public port. The JDK HttpServer cannot hand over a socket for a websocket
 * upgrade, so this small front reads each connection's first request head: {@code GET /api/ws} with
 * {@code Upgrade: websocket} is answered here (RFC 6455 handshake, then {@link WsHub}); anything
 * else is piped byte for byte to the HttpServer on an internal port. Clients therefore see one base
 * URL, as with a real Semaphore.
 *
 * <p>Each piped request is sent on with {@code Connection: close}, so every request arrives on a
 * connection of its own and passes through here: that is where {@link Faults#inject injected
 * faults} are served (resets and silent reads need the raw socket). The front can also stop and
 * start listening on the same port, as a restarted Semaphore does.
 */
final class FrontDoor implements AutoCloseable {
  private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
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
    try (client) {
      client.setTcpNoDelay(true);
      InputStream in = new java.io.BufferedInputStream(client.getInputStream());
      byte[] head = readHead(in);
      if (head.length == 0) {
        return;
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      String method = requestLine[0];
      String target = requestLine.length > 1 ? requestLine[1] : "";
      String path = target.split("\\?")[0];
      String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
      boolean upgrade = "websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""));
      Optional<Faults.Fault> fault = faults.take(method, path);
      if (upgrade && (path.equals("/api/ws") || path.equals("/api/ws/"))) {
        websocket(client, headers, fault);
      } else if (fault.isPresent()) {
        String body = readBody(in, headers);
        int status = FaultAnswers.serve(client, in, fault.get());
        log.add(new RecordedRequest(Instant.now(), method, trimmed(path), query, body, status));
      } else {
        pipe(client, closing(lines), in);
      }
    } catch (IOException e) {
      // The peer went away; each connection is independent, so nothing else to do.
    } finally {
      open.remove(client);
    }
  }

  private static String trimmed(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The head again, asking the backend to close after its answer (one request per connection). */
  private static byte[] closing(String[] lines) {
    StringBuilder b = new StringBuilder(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty() && !lines[i].toLowerCase(Locale.ROOT).startsWith("connection:")) {
        b.append(lines[i]).append("\r\n");
      }
    }
    b.append("Connection: close\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
    int length;
    try {
      length = Integer.parseInt(headers.getOrDefault("content-length", "0").trim());
    } catch (NumberFormatException e) {
      length = 0;
    }
    return new String(in.readNBytes(Math.max(0, length)), StandardCharsets.UTF_8);
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

  private void pipe(Socket client, byte[] head, InputStream clientIn) throws IOException {
    try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
      backend.setTcpNoDelay(true);
      OutputStream toBackend = backend.getOutputStream();
      toBackend.write(head);
      toBackend.flush();
      Thread upstream =
          Thread.ofVirtual()
              .start(() -> {
                try {
                  clientIn.transferTo(toBackend);
                  backend.shutdownOutput();
                } catch (IOException e) {
                  // Either side closed; the downstream copy below ends too.
                }
              });
      try {
        // The answer says so too, or the client would keep the connection for its next request.
        InputStream fromBackend = new java.io.BufferedInputStream(backend.getInputStream());
        byte[] answerHead = readHead(fromBackend);
        if (answerHead.length > 0) {
          OutputStream toClient = client.getOutputStream();
          toClient.write(
              closing(new String(answerHead, StandardCharsets.ISO_8859_1).split("\r\n")));
          fromBackend.transferTo(toClient);
        }
      } catch (IOException e) {
        // Connection ended.
      }
      upstream.interrupt();
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int state = 0;
    while (buf.size() < 65536) {
      int b = in.read();
      if (b < 0) {
        return buf.toByteArray();
      }
      buf.write(b);
      state =
          switch (state) {
            case 0, 2 -> b == '\r' ? state + 1 : 0;
            case 1 -> b == '\n' ? 2 : 0;
            case 3 -> b == '\n' ? 4 : 0;
            default -> 0;
          };
      if (state == 4) {
        return buf.toByteArray();
      }
    }
    return buf.toByteArray();
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

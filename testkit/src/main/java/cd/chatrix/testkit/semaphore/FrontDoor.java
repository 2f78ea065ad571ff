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
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's single public port. The JDK HttpServer cannot hand over a socket for a websocket
 * upgrade, so this small front reads each connection's first request head: {@code GET /api/ws} with
 * {@code Upgrade: websocket} is answered here (RFC 6455 handshake, then {@link WsHub}); anything
 * else is piped byte for byte to the HttpServer on an internal port. Clients therefore see one base
 * URL, as with a real Semaphore.
 */
final class FrontDoor implements AutoCloseable {
  private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private final ServerSocket server;
  private final int backendPort;
  private final SimStore store;
  private final WsHub hub;
  private final Faults faults;
  private final RequestLog log;
  private final Thread acceptor;

  FrontDoor(int backendPort, SimStore store, WsHub hub, Faults faults, RequestLog log)
      throws IOException {
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    this.backendPort = backendPort;
    this.store = store;
    this.hub = hub;
    this.faults = faults;
    this.log = log;
    this.acceptor = Thread.ofVirtual().name("sim-front").start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().name("sim-conn").start(() -> handle(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
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
      String path = requestLine.length > 1 ? requestLine[1].split("\\?")[0] : "";
      boolean upgrade = "websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""));
      if (upgrade && (path.equals("/api/ws") || path.equals("/api/ws/"))) {
        websocket(client, headers);
      } else {
        pipe(client, head, in);
      }
    } catch (IOException e) {
      // The peer went away; each connection is independent, so nothing else to do.
    }
  }

  private void websocket(Socket client, Map<String, String> headers) throws IOException {
    OutputStream out = client.getOutputStream();
    if (faults.refuseWebsockets()) {
      record(503);
      out.write(
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
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
        backend.getInputStream().transferTo(client.getOutputStream());
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

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}

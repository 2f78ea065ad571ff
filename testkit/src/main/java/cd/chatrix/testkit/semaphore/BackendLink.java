package cd.chatrix.testkit.semaphore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * The front door's connection to the simulator's internal API server, one per client connection and
 * kept open between the client's requests, so a kept-alive client costs no connection here either.
 *
 * <p>The JDK HttpServer closes a connection idle for {@code sun.net.httpserver.idleInterval} (30 s
 * by default) or when it holds too many idle ones; a link idle for {@link #FRESH_MILLIS} is opened
 * anew, and a reused link closed under a request before any answer came is opened anew and the
 * request sent once more (the closed connection never handed it to the API).
 */
final class BackendLink implements Closeable {
  private static final long FRESH_MILLIS = 10_000;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private long lastUsed;

  BackendLink(int port) {
    this.port = port;
  }

  /**
   * Sends {@code request} with its raw {@code body}, writes the answer to {@code client}, and says
   * whether the client's connection can carry another request.
   */
  boolean exchange(MessageHead request, byte[] body, OutputStream client, boolean clientCloses)
      throws IOException {
    boolean reused = socket != null && System.currentTimeMillis() - lastUsed < FRESH_MILLIS;
    if (!reused) {
      reopen();
    }
    Optional<MessageHead> answer = send(request, body, reused);
    if (answer.isEmpty() && reused) {
      reopen();
      answer = send(request, body, false);
    }
    MessageHead response =
        answer.orElseThrow(() -> new IOException("the simulator's API closed without answering"));
    while (response.status() / 100 == 1 && response.status() != 101) {
      client.write(response.bytes(Optional.empty())); // interim answer, e.g. 100 Continue
      response =
          MessageHead.read(in).orElseThrow(() -> new IOException("no final answer after 1xx"));
    }
    MessageHead.Framing framing = response.responseFraming(request.first());
    boolean backendCloses = response.closes() || framing == MessageHead.Framing.UNTIL_CLOSE;
    client.write(response.bytes(clientCloses ? Optional.of("close") : Optional.empty()));
    response.relayBody(framing, in, client);
    client.flush();
    lastUsed = System.currentTimeMillis();
    if (backendCloses) {
      close();
    }
    return !clientCloses && !backendCloses;
  }

  /** The answer's head; empty when a reused connection turned out closed before answering. */
  private Optional<MessageHead> send(MessageHead request, byte[] body, boolean reused)
      throws IOException {
    try {
      out.write(request.bytes(Optional.of("keep-alive")));
      out.write(body);
      out.flush();
      Optional<MessageHead> head = MessageHead.read(in);
      if (head.isEmpty() && !reused) {
        throw new IOException("the simulator's API closed without answering");
      }
      return head;
    } catch (IOException e) {
      if (reused) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void reopen() throws IOException {
    close();
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
    out = new BufferedOutputStream(socket.getOutputStream());
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already closed.
      }
      socket = null;
    }
  }
}

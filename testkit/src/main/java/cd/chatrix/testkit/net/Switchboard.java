package cd.chatrix.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A switchable TCP forwarder on a fixed loopback port, standing in for a server that is down and
 * then comes up at the same address. While off, nothing listens on the port, so a client gets what
 * it gets from a stopped server: connection refused; switching off also cuts every open connection.
 * While on, every connection is piped byte for byte to the real server behind it.
 *
 * <pre>{@code
 * try (Switchboard door = Switchboard.off(homeserver.baseUri())) {
 *   startBotAgainst(door.uri());   // sees "connection refused"
 *   door.on();                     // the homeserver "comes up"
 * }
 * }</pre>
 */
public final class Switchboard implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private ServerSocket listener;
  private Thread acceptor;
  private boolean closed;

  private Switchboard(InetSocketAddress target, int port) {
    this.target = target;
    this.port = port;
  }

  /** A switchboard in front of {@code server} (its host and port), switched off. */
  public static Switchboard off(URI server) {
    InetSocketAddress target = new InetSocketAddress(server.getHost(), server.getPort());
    // Take a free port now and let it go, so the address is known (and fixed) while nothing
    // listens on it.
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new Switchboard(target, probe.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for a switchboard", e);
    }
  }

  /** The same, switched on. */
  public static Switchboard on(URI server) {
    Switchboard board = off(server);
    board.on();
    return board;
  }

  /** {@code http://127.0.0.1:<port>}: where clients should connect. */
  public URI uri() {
    return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
  }

  public int port() {
    return port;
  }

  /** Connections accepted since it was made (each was forwarded). */
  public int accepted() {
    return accepted.get();
  }

  public synchronized boolean isOn() {
    return listener != null;
  }

  /** Starts listening and forwarding; nothing happens when already on. */
  public synchronized void on() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
      listener = socket;
      acceptor = Thread.ofVirtual().name("switchboard-" + port).start(() -> acceptLoop(socket));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " again", e);
    }
  }

  /** Stops listening and cuts every open connection; nothing happens when already off. */
  public synchronized void off() {
    if (listener == null) {
      return;
    }
    closeQuietly(listener);
    listener = null;
    // A socket closed while a thread waits in accept() is only released once that thread has
    // left accept(); until then the port can still take connections. Wait for it, so "off"
    // means refused from the moment off() returns.
    awaitQuietly(acceptor);
    acceptor = null;
    open.forEach(Switchboard::closeQuietly);
    open.clear();
  }

  private static void awaitQuietly(Thread thread) {
    try {
      if (!thread.join(Duration.ofSeconds(5))) {
        throw new IllegalStateException("the switchboard's listener did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    off();
    closed = true;
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // switched off
      }
      accepted.incrementAndGet();
      Thread.ofVirtual().name("switchboard-conn").start(() -> forward(client));
    }
  }

  private void forward(Socket client) {
    open.add(client);
    Socket server = new Socket();
    try {
      server.connect(target);
      open.add(server);
      if (!isOn()) {
        throw new IOException("switched off meanwhile");
      }
      Thread back = Thread.ofVirtual().start(() -> pipe(server, client));
      pipe(client, server);
      back.join();
    } catch (IOException e) {
      // the real server is gone too, or it was switched off: the client sees the connection end
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(client);
      closeQuietly(server);
      open.remove(client);
      open.remove(server);
    }
  }

  /** Copies until {@code from} ends, then ends the write side of {@code to}. */
  private static void pipe(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing is best effort
    }
  }
}

package cd.chatrix.testkit.semaphore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * The server side of Semaphore's {@code /api/ws}: RFC 6455 text frames out, client frames read and
 * discarded (close and ping answered). Like Semaphore, each connection has a 256-message buffer and
 * a client that falls behind is dropped.
 */
final class WsHub implements AutoCloseable {
  private static final int BUFFER = 256;
  private final Set<Connection> connections = new CopyOnWriteArraySet<>();

  void broadcast(Set<Integer> userIds, String text) {
    for (Connection c : connections) {
      if (userIds.contains(c.userId) && !c.queue.offer(text)) {
        c.close();
      }
    }
  }

  int connectionCount() {
    return connections.size();
  }

  /** Closes every connection without a close frame, as a crashed server or cut network would. */
  void dropAll() {
    connections.forEach(Connection::close);
  }

  /** Runs a freshly upgraded connection until it ends; blocks the calling (virtual) thread. */
  void serve(Socket socket, int userId) throws IOException {
    Connection c = new Connection(socket, userId);
    connections.add(c);
    Thread writer = Thread.ofVirtual().name("sim-ws-writer").start(c::writeLoop);
    try {
      c.readLoop();
    } finally {
      c.close();
      writer.interrupt();
    }
  }

  @Override
  public void close() {
    dropAll();
  }

  private final class Connection {
    final Socket socket;
    final int userId;
    final BlockingQueue<String> queue = new ArrayBlockingQueue<>(BUFFER);
    final OutputStream out;

    Connection(Socket socket, int userId) throws IOException {
      this.socket = socket;
      this.userId = userId;
      this.out = socket.getOutputStream();
    }

    void writeLoop() {
      try {
        while (!socket.isClosed()) {
          String text = queue.poll(1, TimeUnit.SECONDS);
          if (text != null) {
            send(0x1, text.getBytes(StandardCharsets.UTF_8));
          }
        }
      } catch (InterruptedException | IOException e) {
        close();
      }
    }

    synchronized void send(int opcode, byte[] payload) throws IOException {
      out.write(0x80 | opcode);
      int n = payload.length;
      if (n < 126) {
        out.write(n);
      } else if (n < 65536) {
        out.write(126);
        out.write(n >>> 8);
        out.write(n);
      } else {
        out.write(127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) ((long) n >>> shift));
        }
      }
      out.write(payload);
      out.flush();
    }

    void readLoop() throws IOException {
      InputStream in = socket.getInputStream();
      while (true) {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
          return;
        }
        int opcode = b0 & 0x0f;
        long length = b1 & 0x7f;
        if (length == 126) {
          length = (in.read() << 8) | in.read();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | in.read();
          }
        }
        byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) Math.min(length, 1 << 20));
        if (mask != null) {
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
          }
        }
        if (opcode == 0x8) {
          send(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
          return;
        }
        if (opcode == 0x9) {
          send(0xA, payload);
        }
      }
    }

    void close() {
      connections.remove(this);
      try {
        socket.close();
      } catch (IOException e) {
        // Already gone; nothing to release.
      }
    }
  }
}

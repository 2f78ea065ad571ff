package cd.chatrix.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SwitchboardTest {
  private ServerSocket echo;

  /** A server that sends back every byte it gets. */
  @BeforeEach
  void startEcho() throws IOException {
    echo = new ServerSocket();
    echo.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread.ofVirtual()
        .start(() -> {
          while (!echo.isClosed()) {
            try {
              Socket client = echo.accept();
              Thread.ofVirtual()
                  .start(() -> {
                    try (client) {
                      client.getInputStream().transferTo(client.getOutputStream());
                    } catch (IOException e) {
                      // the other side went away
                    }
                  });
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  @AfterEach
  void stopEcho() throws IOException {
    echo.close();
  }

  private URI echoUri() {
    return URI.create("http://127.0.0.1:" + echo.getLocalPort());
  }

  private static Socket connect(Switchboard board) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), board.port()), 2000);
    socket.setSoTimeout(5000);
    return socket;
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes());
    out.flush();
    byte[] back = socket.getInputStream().readNBytes(text.length());
    return new String(back);
  }

  @Test
  void whileOffNothingListensSoConnectionsAreRefused() {
    try (Switchboard board = Switchboard.off(echoUri())) {
      assertThat(board.isOn()).isFalse();
      assertThatThrownBy(() -> connect(board)).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void whileOnEveryByteReachesTheServerAndComesBack() throws IOException {
    try (Switchboard board = Switchboard.on(echoUri());
        Socket socket = connect(board)) {
      assertThat(roundTrip(socket, "ping over the switchboard"))
          .isEqualTo("ping over the switchboard");
      assertThat(board.accepted()).isEqualTo(1);
      assertThat(board.uri().getPort()).isEqualTo(board.port());
    }
  }

  @Test
  void switchingOffCutsOpenConnectionsAndOnAgainServesTheSamePort() throws IOException {
    try (Switchboard board = Switchboard.on(echoUri())) {
      int port = board.port();
      Socket first = connect(board);
      assertThat(roundTrip(first, "one")).isEqualTo("one");

      board.off();
      InputStream in = first.getInputStream();
      assertThat(readOrEnd(in)).as("the open connection ends").isEqualTo(-1);
      assertThatThrownBy(() -> connect(board)).isInstanceOf(ConnectException.class);

      board.on();
      assertThat(board.port()).isEqualTo(port);
      try (Socket second = connect(board)) {
        assertThat(roundTrip(second, "two")).isEqualTo("two");
      }
      first.close();
    }
  }

  private static int readOrEnd(InputStream in) {
    try {
      return in.read();
    } catch (IOException reset) {
      return -1; // a reset ends it too
    }
  }
}

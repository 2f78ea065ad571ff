package cd.chatrix.app.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.TransportException;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PortErrorsTest {
  private static MatrixError error(int status, String code, String text) {
    return new MatrixError(status, code, text, false, OptionalLong.empty());
  }

  @Test
  void aRefusalNamesTheActionTheCodeTheServersWordsAndAHint() {
    var refused =
        new MatrixException(
            "PUT /rooms/!r/send/m.room.message/t1", error(403, "M_FORBIDDEN", "not in room"));

    PortException e = PortErrors.of("post a message in !r", new CompletionException(refused));

    assertThat(e.getMessage())
        .isEqualTo(
            "The homeserver refused to post a message in !r: M_FORBIDDEN (not in room). The bot"
                + " may lack the power level or not be in the room.");
    assertThat(e.getCause()).isSameAs(refused);
  }

  @Test
  void anEndedSessionAsksForANewLogin() {
    var relogin =
        new ReloginRequiredException("GET /sync", error(401, "M_UNKNOWN_TOKEN", "Token expired"));

    assertThat(PortErrors.of("join !r", relogin).getMessage())
        .contains("M_UNKNOWN_TOKEN")
        .contains("log the bot in again")
        .doesNotContain("/sync");
  }

  @Test
  void anUnreachableServerAndOtherFailuresSayWhatHappened() {
    var down = new TransportException("GET /joined_rooms", new IOException("Connection refused"));

    assertThat(PortErrors.of("list the bot's rooms", down).getMessage())
        .isEqualTo(
            "Could not list the bot's rooms: the homeserver did not answer. Check that it is up"
                + " and reachable.");
    assertThat(PortErrors.of("react", new UnsupportedOperationException("x")).getMessage())
        .isEqualTo("Could not react (UnsupportedOperationException).");
    PortException already = new PortException("as is");
    assertThat(PortErrors.of("react", already)).isSameAs(already);
  }
}

package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCodecTest {
  @Test
  void roundTripsEveryRenewalKind() {
    for (Renewal renewal :
        new Renewal[] {
          new Renewal.None(),
          new Renewal.MatrixRefresh(),
          new Renewal.OAuth(URI.create("https://id.example.org/token"), "client-1", true)
        }) {
      Session session =
          new Session(
              URI.create("https://matrix.example.org"),
              "@bot:example.org",
              "CHATRIXCD",
              "access",
              Optional.of("refresh"),
              Optional.of(Instant.ofEpochMilli(1_700_000_000_123L)),
              renewal);
      assertThat(SessionCodec.decode(SessionCodec.encode(session))).isEqualTo(session);
    }
  }

  @Test
  void toStringHidesTokens() {
    Session session =
        new Session(
            URI.create("https://m.org"),
            "@bot:m.org",
            "DEV",
            "secret-access",
            Optional.of("secret-refresh"),
            Optional.empty(),
            new Renewal.MatrixRefresh());
    assertThat(session.toString()).doesNotContain("secret");
  }
}

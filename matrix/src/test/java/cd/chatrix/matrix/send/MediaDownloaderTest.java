package cd.chatrix.matrix.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Upload, then download through authenticated media, against the test homeserver. */
class MediaDownloaderTest {
  @Test
  void roundTripsAnUpload() {
    try (TestHomeserver hs = TestHomeserver.start();
        MatrixClient client = MatrixClient.builder(hs.baseUri()).build()) {
      hs.registerUser("bot", "pw");
      client.login(new LoginMethod.Password("bot", "pw"));
      byte[] log = "TASK [deploy] ok=3".getBytes(StandardCharsets.UTF_8);

      String mxc = client.media().upload(log, "text/plain", "task.log");
      byte[] back = new MediaDownloader(client.api()).download(mxc);

      assertThat(back).isEqualTo(log);
      assertThat(hs.requests().stream().map(Object::toString))
          .anyMatch(r -> r.contains("/_matrix/client/v1/media/download/"));
    }
  }

  @Test
  void rejectsWhatIsNotAnMxcUri() {
    assertThatThrownBy(() -> new MediaDownloader(null).download("https://example.org/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

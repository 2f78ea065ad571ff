package cd.chatrix.matrix.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.testkit.matrix.Dialect;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Upload, then download through authenticated media, against the test homeserver. */
class MediaDownloaderTest {
  @Test
  void roundTripsAnUpload() {
    try (TestHomeserver hs = TestHomeserver.start("localhost", Dialect.CURRENT);
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
  void fallsBackToTheLegacyEndpointOnceOnAServerWithoutAuthenticatedMedia() {
    try (TestHomeserver hs = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67);
        MatrixClient client = MatrixClient.builder(hs.baseUri()).build()) {
      hs.registerUser("bot", "pw");
      client.login(new LoginMethod.Password("bot", "pw"));
      byte[] first = "TASK [deploy] ok=3".getBytes(StandardCharsets.UTF_8);
      byte[] second = "TASK [verify] ok=1".getBytes(StandardCharsets.UTF_8);
      String firstMxc = client.media().upload(first, "text/plain", "one.log");
      String secondMxc = client.media().upload(second, "text/plain", "two.log");
      MediaDownloader downloads = new MediaDownloader(client.api());
      hs.clearRequests();

      assertThat(downloads.download(firstMxc)).isEqualTo(first);
      assertThat(downloads.download(secondMxc)).isEqualTo(second);

      List<String> paths = hs.requests().stream().map(Object::toString).toList();
      assertThat(paths)
          .filteredOn(r -> r.contains("/_matrix/client/v1/media/download/"))
          .hasSize(1);
      assertThat(paths).filteredOn(r -> r.contains("/_matrix/media/v3/download/")).hasSize(2);
    }
  }

  @Test
  void aMissingMediaIsAnErrorNotAReasonToFallBack() {
    try (TestHomeserver hs = TestHomeserver.start("localhost", Dialect.CURRENT);
        MatrixClient client = MatrixClient.builder(hs.baseUri()).build()) {
      hs.registerUser("bot", "pw");
      client.login(new LoginMethod.Password("bot", "pw"));
      hs.clearRequests();

      assertThatThrownBy(() -> new MediaDownloader(client.api()).download("mxc://localhost/gone"))
          .isInstanceOf(MatrixException.class);
      assertThat(hs.requests().stream().map(Object::toString))
          .noneMatch(r -> r.contains("/_matrix/media/v3/download/"));
    }
  }

  @Test
  void rejectsWhatIsNotAnMxcUri() {
    assertThatThrownBy(() -> new MediaDownloader(null).download("https://example.org/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package cd.chatrix.matrix.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.FixedToken;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MediaUploaderTest {
  private final FakeHttpServer hs = new FakeHttpServer();
  private final Transports transports = Transports.standard();
  private MediaUploader media;

  @BeforeEach
  void setUp() {
    hs.route(
        "POST /_matrix/media/v3/upload", r -> Reply.json(200, "{\"content_uri\":\"mxc://x/abc\"}"));
    media =
        new MediaUploader(
            transports.authenticated(hs.baseUri(), new FixedToken("t")),
            Set.of("!secret:x")::contains);
  }

  @AfterEach
  void close() {
    transports.close();
    hs.close();
  }

  @Test
  void uploadsAndDescribesAPlainFile() {
    ObjectNode content =
        media.fileMessage(
            "!r:x", "log".getBytes(StandardCharsets.UTF_8), "text/plain", "task-5.log", "m.file");

    assertThat(content.path("url").asString()).isEqualTo("mxc://x/abc");
    assertThat(content.at("/info/size").asInt()).isEqualTo(3);
    var upload = hs.requests("/_matrix/media/v3/upload").getFirst();
    assertThat(upload.query()).isEqualTo("filename=task-5.log");
    assertThat(upload.header("Content-Type")).isEqualTo("text/plain");
    assertThat(upload.body()).isEqualTo("log");
  }

  @Test
  void encryptedRoomsUploadCiphertextAndCarryTheFileKeys() {
    media.setEncryptor(plain -> {
      ObjectNode file = Json.object();
      file.put("v", "v2");
      file.putObject("key").put("k", "secret-key");
      return new AttachmentEncryptor.EncryptedAttachment(
          "CIPHER".getBytes(StandardCharsets.UTF_8), file);
    });

    ObjectNode content =
        media.fileMessage(
            "!secret:x", "log".getBytes(StandardCharsets.UTF_8), "text/plain", "a.log", "m.file");

    assertThat(content.has("url")).isFalse();
    assertThat(content.at("/file/url").asString()).isEqualTo("mxc://x/abc");
    assertThat(content.at("/file/key/k").asString()).isEqualTo("secret-key");
    assertThat(hs.requests("/_matrix/media/v3/upload").getFirst().body()).isEqualTo("CIPHER");
  }

  @Test
  void refusesClearUploadsToEncryptedRooms() {
    assertThatThrownBy(() ->
            media.fileMessage(
                "!secret:x", new byte[] {1}, "application/octet-stream", "b", "m.file"))
        .hasMessageContaining("not uploaded in clear");
    assertThat(hs.requests()).isEmpty();
  }
}

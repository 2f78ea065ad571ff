package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MediaEndpointsTest {
  private TestHomeserver hs;
  private TestUser alice;
  private HttpClient http;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start("localhost", Dialect.CURRENT); // asserts the current spec
    alice = hs.registerUser("alice", "pw");
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    http.shutdownNow();
    hs.close();
  }

  private HttpResponse<byte[]> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(hs.baseUri().resolve(path));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void uploadedMediaDownloadsThroughAuthenticatedAndLegacyPaths() throws Exception {
    byte[] log = "task 42 output\n".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> upload =
        http.send(
            HttpRequest.newBuilder(
                    hs.baseUri().resolve("/_matrix/media/v3/upload?filename=task-42.log"))
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(log))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(upload.statusCode()).isEqualTo(200);
    URI mxc = URI.create(RawHttp.JSON.readTree(upload.body()).path("content_uri").asString());
    assertThat(mxc.getScheme()).isEqualTo("mxc");
    assertThat(mxc.getHost()).isEqualTo("localhost");
    String id = mxc.getPath().substring(1);

    HttpResponse<byte[]> authenticated =
        get("/_matrix/client/v1/media/download/localhost/" + id, alice.accessToken());
    assertThat(authenticated.statusCode()).isEqualTo(200);
    assertThat(authenticated.body()).isEqualTo(log);
    assertThat(authenticated.headers().firstValue("Content-Type")).contains("text/plain");
    assertThat(authenticated.headers().firstValue("Content-Disposition").orElse(""))
        .contains("task-42.log");

    assertThat(get("/_matrix/client/v1/media/download/localhost/" + id, "").statusCode())
        .isEqualTo(401);
    HttpResponse<byte[]> legacy =
        get("/_matrix/media/v3/download/localhost/" + id + "/renamed.txt", "");
    assertThat(legacy.body()).isEqualTo(log);
    assertThat(legacy.headers().firstValue("Content-Disposition").orElse(""))
        .contains("renamed.txt");
  }

  @Test
  void unknownMediaIsNotFoundAndConfigNamesTheLimit() throws Exception {
    HttpResponse<byte[]> missing =
        get("/_matrix/client/v1/media/download/localhost/nothing", alice.accessToken());
    assertThat(missing.statusCode()).isEqualTo(404);
    JsonNode config =
        RawHttp.JSON.readTree(get("/_matrix/client/v1/media/config", alice.accessToken()).body());
    assertThat(config.path("m.upload.size").asLong()).isPositive();
  }

  @Test
  void thumbnailsScaleAndCropImagesAndRefuseOtherMedia() throws Exception {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(200, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", png);
    String mxc = alice.upload(png.toByteArray(), "image/png", "wide.png");
    String id = mxc.substring(mxc.lastIndexOf('/') + 1);
    String base = "/_matrix/client/v1/media/thumbnail/localhost/" + id + "?width=50&height=50";

    HttpResponse<byte[]> scaled = get(base + "&method=scale", alice.accessToken());
    assertThat(scaled.headers().firstValue("Content-Type")).contains("image/png");
    java.awt.image.BufferedImage fit =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(scaled.body()));
    assertThat(fit.getWidth()).isEqualTo(50);
    assertThat(fit.getHeight()).isEqualTo(25);

    HttpResponse<byte[]> cropped = get(base + "&method=crop", alice.accessToken());
    java.awt.image.BufferedImage box =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(cropped.body()));
    assertThat(box.getWidth()).isEqualTo(50);
    assertThat(box.getHeight()).isEqualTo(50);

    String text =
        alice.upload("not an image".getBytes(StandardCharsets.UTF_8), "text/plain", "a.txt");
    String textId = text.substring(text.lastIndexOf('/') + 1);
    assertThat(
            get(
                    "/_matrix/client/v1/media/thumbnail/localhost/" + textId + "?width=5&height=5",
                    alice.accessToken())
                .statusCode())
        .isEqualTo(404);
  }
}

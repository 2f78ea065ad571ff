package cd.chatrix.testkit.matrix;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Content repository: v3 upload, authenticated v1 download and the legacy unauthenticated v3
 * download, plus the upload-size config.
 */
final class MediaEndpoints {
  private final ServerState state;

  MediaEndpoints(ServerState state) {
    this.state = state;
  }

  void register(Router router) {
    router.post("media/upload", this::upload);
    router.get("client/media/config", c -> config());
    router.get("media/config", c -> config());
    router.get("client/media/download/{serverName}/{mediaId}", this::download);
    router.get("client/media/download/{serverName}/{mediaId}/{fileName}", this::download);
    router.add("GET", "media/download/{serverName}/{mediaId}", Router.Auth.NONE, this::download);
    router.get("client/media/thumbnail/{serverName}/{mediaId}", this::thumbnail);
    router.add("GET", "media/thumbnail/{serverName}/{mediaId}", Router.Auth.NONE, this::thumbnail);
    router.add(
        "GET",
        "media/download/{serverName}/{mediaId}/{fileName}",
        Router.Auth.NONE,
        this::download);
  }

  private static Reply config() {
    return Reply.json(Json.object().put("m.upload.size", MediaStore.MAX_UPLOAD));
  }

  private Reply upload(Call call) {
    byte[] bytes = call.body();
    if (bytes.length > MediaStore.MAX_UPLOAD) {
      throw new MatrixError(
          413, "M_TOO_LARGE", "Uploads are limited to " + MediaStore.MAX_UPLOAD + " bytes.");
    }
    String type = call.header("Content-Type").orElse("application/octet-stream");
    String uri =
        state.media.put(new MediaStore.Media(type, call.query("filename").orElse(""), bytes));
    return Reply.json(Json.object().put("content_uri", uri));
  }

  private Reply thumbnail(Call call) {
    MediaStore.Media media = named(call);
    int width = call.queryInt("width", 0);
    int height = call.queryInt("height", 0);
    if (width <= 0 || height <= 0) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "width and height must be positive.");
    }
    boolean crop = call.query("method").orElse("scale").equals("crop");
    byte[] png =
        Thumbnails.make(media.bytes(), width, height, crop)
            .orElseThrow(
                () -> MatrixError.notFound("This media is not an image with a thumbnail."));
    return new Reply(200, "image/png", png, Map.of());
  }

  private Reply download(Call call) {
    MediaStore.Media media = named(call);
    String name = call.param("fileName").isEmpty() ? media.fileName() : call.param("fileName");
    Map<String, String> headers =
        name.isEmpty()
            ? Map.of()
            : Map.of(
                "Content-Disposition",
                "attachment; filename*=utf-8''"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    return new Reply(200, media.contentType(), media.bytes(), headers);
  }

  /** The media the path names ({@code serverName}/{@code mediaId}), or 404. */
  private MediaStore.Media named(Call call) {
    return state
        .media
        .get(call.param("serverName"), call.param("mediaId"))
        .orElseThrow(() -> MatrixError.notFound("No such media."));
  }
}

package cd.chatrix.testkit.matrix;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Uploaded media, kept in memory and addressed by {@code mxc://server/id}. */
final class MediaStore {
  record Media(String contentType, String fileName, byte[] bytes) {}

  static final int MAX_UPLOAD = 50 * 1024 * 1024;

  private final ServerState state;
  private final Map<String, Media> byId = new HashMap<>();

  MediaStore(ServerState state) {
    this.state = state;
  }

  String put(Media media) {
    String id = ServerState.randomId(24);
    byId.put(id, media);
    return "mxc://" + state.serverName + "/" + id;
  }

  Optional<Media> get(String serverName, String mediaId) {
    return serverName.equals(state.serverName)
        ? Optional.ofNullable(byId.get(mediaId))
        : Optional.empty();
  }
}

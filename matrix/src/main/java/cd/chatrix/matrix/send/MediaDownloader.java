package cd.chatrix.matrix.send;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads media through the authenticated endpoint ({@code /_matrix/client/v1/media/download},
 * Matrix 1.11); servers with authenticated media refuse the old unauthenticated one for new media.
 * Servers from before it (Synapse before 1.109, e.g. 1.67) answer that path as an unknown endpoint,
 * so the downloader then uses {@code /_matrix/media/v3/download} and keeps doing so.
 */
public final class MediaDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(MediaDownloader.class);
  private static final String AUTHENTICATED = "/_matrix/client/v1/media/download/";
  private static final String LEGACY = "/_matrix/media/v3/download/";

  private final HttpTransport transport;
  private volatile boolean legacyOnly;

  public MediaDownloader(HttpTransport transport) {
    this.transport = transport;
  }

  /** The bytes behind an {@code mxc://server/mediaId} URI. */
  public byte[] download(String mxcUri) {
    URI mxc = URI.create(mxcUri);
    String mediaId = mxc.getPath() == null ? "" : mxc.getPath().replaceFirst("^/", "");
    if (!"mxc".equals(mxc.getScheme()) || mxc.getHost() == null || mediaId.isEmpty()) {
      throw new IllegalArgumentException("Not a media URI (mxc://server/id): " + mxcUri);
    }
    String tail = MatrixRequest.segment(mxc.getAuthority()) + "/" + MatrixRequest.segment(mediaId);
    if (!legacyOnly) {
      MatrixRequest request = MatrixRequest.get(AUTHENTICATED + tail);
      HttpResult result = transport.exchange(request);
      if (!unknownEndpoint(result)) {
        return HttpTransport.expectOk(request, result).body();
      }
      legacyOnly = true;
      LOG.info(
          "The homeserver has no authenticated media (Matrix 1.11); downloading through {} instead.",
          LEGACY);
    }
    MatrixRequest legacy = MatrixRequest.get(LEGACY + tail);
    return HttpTransport.expectOk(legacy, transport.exchange(legacy)).body();
  }

  /**
   * Spec "unknown endpoints": 404 or 405 with M_UNRECOGNIZED; Synapse before 1.74 answers 400
   * M_UNRECOGNIZED. A 404 M_NOT_FOUND is missing media, not a missing endpoint.
   */
  static boolean unknownEndpoint(HttpResult result) {
    return switch (result.status()) {
      case 400, 404, 405 -> result.error().is("M_UNRECOGNIZED");
      default -> false;
    };
  }
}

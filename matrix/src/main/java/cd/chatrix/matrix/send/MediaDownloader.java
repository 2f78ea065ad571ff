package cd.chatrix.matrix.send;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixRequest;
import java.net.URI;

/**
 * Downloads media through the authenticated endpoint ({@code /_matrix/client/v1/media/download},
 * Matrix 1.11); servers with authenticated media refuse the old unauthenticated one.
 */
public final class MediaDownloader {
  private final HttpTransport transport;

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
    MatrixRequest request =
        MatrixRequest.get(
            "/_matrix/client/v1/media/download/"
                + MatrixRequest.segment(mxc.getAuthority())
                + "/"
                + MatrixRequest.segment(mediaId));
    HttpResult result = HttpTransport.expectOk(request, transport.exchange(request));
    return result.body();
  }
}

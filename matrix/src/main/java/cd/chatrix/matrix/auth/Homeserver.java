package cd.chatrix.matrix.auth;

import java.net.URI;
import java.util.List;

/** A homeserver found by discovery: its client-server base URL and the spec versions it speaks. */
public record Homeserver(URI baseUrl, List<String> versions) {
  public Homeserver {
    versions = List.copyOf(versions);
  }

  public boolean supports(String version) {
    return versions.contains(version);
  }
}

package cd.chatrix.matrix.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Client secrets and tokens travel to identity-provider endpoints, so they must be HTTPS. Plain
 * HTTP is accepted only for loopback addresses (a provider on the same machine, and tests).
 */
public final class IdentityProviderUris {
  private IdentityProviderUris() {}

  public static URI requireSecure(URI uri, String what) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
      return uri;
    }
    throw new LoginException(
        "The "
            + what
            + " "
            + uri
            + " is not HTTPS. Credentials are only sent over HTTPS (plain HTTP is allowed for"
            + " localhost only); fix the identity provider's URL.");
  }

  static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    // Only IP literals are checked: resolving a name here would let DNS decide what is "local".
    if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}

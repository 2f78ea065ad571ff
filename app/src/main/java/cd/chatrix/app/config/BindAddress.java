package cd.chatrix.app.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether {@code http.bind} is something the ops endpoint can listen on, decided before the bot
 * logs in: a configuration mistake found only after login would cost a login and a device.
 */
final class BindAddress {

  private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
  private static final Pattern HOST_AND_PORT = Pattern.compile("[^:\\[\\]]+:\\d+|\\[[^]]+]:\\d+");
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

  private BindAddress() {}

  /** Why {@code value} cannot be listened on, or empty when it can. */
  static Optional<String> check(String value) {
    if (value.contains("://")) {
      return Optional.of("is a URL; it must be an address such as 127.0.0.1");
    }
    if (HOST_AND_PORT.matcher(value).matches()) {
      return Optional.of("includes a port; give only the address");
    }
    if (DOTTED.matcher(value).matches()) {
      return ipv4(value);
    }
    boolean ipv6 = value.contains(":");
    if (!ipv6 && !HOST_NAME.matcher(value).matches()) {
      return Optional.of("is not an IP address or host name");
    }
    InetAddress address;
    try {
      // An IPv6 literal is parsed without a lookup; a host name is resolved as the server would.
      address = InetAddress.getByName(value);
    } catch (UnknownHostException | SecurityException e) {
      return Optional.of(
          ipv6 ? "is not a valid IPv6 address" : "is a host name that does not resolve");
    }
    return local(address);
  }

  private static Optional<String> ipv4(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.of("is not a valid IPv4 address (it needs four numbers)");
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
        return Optional.of("is not a valid IPv4 address (each number is 0 to 255)");
      }
    }
    try {
      return local(InetAddress.getByName(value));
    } catch (UnknownHostException impossible) {
      return Optional.of("is not a valid IPv4 address");
    }
  }

  private static Optional<String> local(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
      return Optional.empty();
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null
          ? Optional.empty()
          : Optional.of(
              "is " + address.getHostAddress() + ", which is not an address of this machine");
    } catch (SocketException cannotTell) {
      // Interfaces cannot be listed (a sandbox): let the server try, it says so if it fails.
      return Optional.empty();
    }
  }
}

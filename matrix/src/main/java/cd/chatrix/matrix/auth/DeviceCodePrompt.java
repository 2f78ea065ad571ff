package cd.chatrix.matrix.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Shows the operator where to approve the bot's login (RFC 8628 device authorization). */
@FunctionalInterface
public interface DeviceCodePrompt {
  void show(
      URI verificationUri,
      String userCode,
      Optional<URI> verificationUriComplete,
      Duration expiresIn);
}

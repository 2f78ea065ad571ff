package cd.chatrix.app.config;

import cd.chatrix.app.config.MatrixConfig.AuthType;
import java.util.List;

/**
 * What the setup wizard collected. Secrets are {@link Secret}s so the record can be logged. Fields
 * that do not apply to the chosen auth type are {@link Secret#NONE} or empty.
 */
public record WizardAnswers(
    String homeserver,
    String userId,
    AuthType authType,
    Secret password,
    Secret accessToken,
    String oidcIssuer,
    String oidcClientId,
    Secret oidcClientSecret,
    String deviceId,
    String storePath,
    String semaphoreUrl,
    Secret semaphoreApiToken,
    List<String> adminUsers,
    List<String> allowedRooms) {

  public WizardAnswers {
    adminUsers = List.copyOf(adminUsers);
    allowedRooms = List.copyOf(allowedRooms);
  }
}

package cd.chatrix.matrix.room;

import java.util.Optional;

/** A room member as the state shows it; {@code membership} is join, invite, leave, ban or knock. */
public record Member(String userId, Optional<String> displayName, String membership) {
  /** The name to show people: the display name if set, else the user id. */
  public String label() {
    return displayName.filter(n -> !n.isBlank()).orElse(userId);
  }
}

package cd.chatrix.matrix.room;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the bot knows about a room. Immutable; the registry swaps in a new one on every change.
 *
 * @param encryption the {@code m.room.encryption} algorithm, if the room is encrypted
 * @param members members seen so far (with lazy loading, those who spoke or changed membership)
 * @param creators the room's creators when its version gives them unlimited power (v12 and later)
 */
public record RoomState(
    String roomId,
    Membership membership,
    Optional<String> name,
    Optional<String> canonicalAlias,
    Optional<String> encryption,
    PowerLevels powerLevels,
    Map<String, Member> members,
    Set<String> creators) {

  /** The bot's own membership. */
  public enum Membership {
    JOINED,
    INVITED
  }

  public RoomState {
    members = Map.copyOf(members);
    creators = Set.copyOf(creators);
  }

  /**
   * A user's power level. From room version 12 the creators stand above every level and are not
   * listed in the power levels, so they count as {@link Long#MAX_VALUE}.
   */
  public long levelOf(String userId) {
    return creators.contains(userId) ? Long.MAX_VALUE : powerLevels.levelOf(userId);
  }

  /** Whether {@code userId} may send a (non-state) event of {@code type}. */
  public boolean maySend(String userId, String type) {
    return levelOf(userId) >= powerLevels.requiredFor(type);
  }

  public boolean encrypted() {
    return encryption.isPresent();
  }

  /** A name for people: the room name, else its alias, else the id. */
  public String label() {
    return name.or(() -> canonicalAlias).orElse(roomId);
  }
}

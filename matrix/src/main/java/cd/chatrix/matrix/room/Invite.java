package cd.chatrix.matrix.room;

import java.util.Optional;

/** An invitation to a room, from the invite's stripped state. */
public record Invite(String roomId, Optional<String> inviter, Optional<String> roomName) {}

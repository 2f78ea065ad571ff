package cd.chatrix.app.tui;

import java.util.Objects;

/** One joined room as the Rooms and Say screens show it. */
public record RoomView(String id, String name, boolean encrypted, boolean maySpeak, int members) {
  public RoomView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** The name, or the id when the room has no name. */
  public String label() {
    return name.isBlank() ? id : name;
  }
}

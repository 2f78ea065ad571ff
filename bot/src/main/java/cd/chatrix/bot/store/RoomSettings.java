package cd.chatrix.bot.store;

import java.util.ArrayList;
import java.util.List;

/** Per-room switches: streaming of run output, and subscriptions. */
public record RoomSettings(String roomId, boolean logStreaming, List<Subscription> subscriptions) {
  public RoomSettings {
    subscriptions = List.copyOf(subscriptions);
  }

  public static RoomSettings defaults(String roomId) {
    return new RoomSettings(roomId, false, List.of());
  }

  public RoomSettings withLogStreaming(boolean on) {
    return new RoomSettings(roomId, on, subscriptions);
  }

  public RoomSettings withSubscription(Subscription s) {
    var list = new ArrayList<>(without(s.projectId(), s.templateId().orElse(null)));
    list.add(s);
    return new RoomSettings(roomId, logStreaming, list);
  }

  public RoomSettings withoutSubscription(long projectId, Long templateId) {
    return new RoomSettings(roomId, logStreaming, without(projectId, templateId));
  }

  private List<Subscription> without(long projectId, Long templateId) {
    return subscriptions.stream()
        .filter(s ->
            !(s.projectId() == projectId
                && s.templateId().equals(java.util.Optional.ofNullable(templateId))))
        .toList();
  }
}

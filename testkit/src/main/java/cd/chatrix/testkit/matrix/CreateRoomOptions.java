package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TestUser#createRoom} asks for. Start from {@link #defaults()} (a private chat) and
 * refine with the {@code with...} methods; empty strings mean "not set".
 *
 * @param name room name, or empty
 * @param topic room topic, or empty
 * @param encrypted whether the room starts with {@code m.room.encryption} (megolm)
 * @param invitees users invited at creation
 * @param userPowerLevels power levels for specific users, on top of the creator's 100
 * @param preset {@code private_chat}, {@code trusted_private_chat} or {@code public_chat}
 * @param aliasLocalpart local part of a {@code #alias:server} to publish, or empty
 * @param direct whether the room is flagged {@code is_direct}
 */
public record CreateRoomOptions(
    String name,
    String topic,
    boolean encrypted,
    List<String> invitees,
    Map<String, Integer> userPowerLevels,
    String preset,
    String aliasLocalpart,
    boolean direct) {

  public CreateRoomOptions {
    invitees = List.copyOf(invitees);
    userPowerLevels = Map.copyOf(userPowerLevels);
  }

  public static CreateRoomOptions defaults() {
    return new CreateRoomOptions("", "", false, List.of(), Map.of(), "private_chat", "", false);
  }

  public static CreateRoomOptions named(String name) {
    return defaults().withName(name);
  }

  public CreateRoomOptions withName(String value) {
    return new CreateRoomOptions(
        value, topic, encrypted, invitees, userPowerLevels, preset, aliasLocalpart, direct);
  }

  public CreateRoomOptions withTopic(String value) {
    return new CreateRoomOptions(
        name, value, encrypted, invitees, userPowerLevels, preset, aliasLocalpart, direct);
  }

  public CreateRoomOptions withEncryption(boolean value) {
    return new CreateRoomOptions(
        name, topic, value, invitees, userPowerLevels, preset, aliasLocalpart, direct);
  }

  public CreateRoomOptions withInvitees(String... userIds) {
    List<String> all = new ArrayList<>(invitees);
    all.addAll(List.of(userIds));
    return new CreateRoomOptions(
        name, topic, encrypted, all, userPowerLevels, preset, aliasLocalpart, direct);
  }

  public CreateRoomOptions withPowerLevel(String userId, int level) {
    Map<String, Integer> all = new LinkedHashMap<>(userPowerLevels);
    all.put(userId, level);
    return new CreateRoomOptions(
        name, topic, encrypted, invitees, all, preset, aliasLocalpart, direct);
  }

  public CreateRoomOptions withPreset(String value) {
    return new CreateRoomOptions(
        name, topic, encrypted, invitees, userPowerLevels, value, aliasLocalpart, direct);
  }

  public CreateRoomOptions withAlias(String localpart) {
    return new CreateRoomOptions(
        name, topic, encrypted, invitees, userPowerLevels, preset, localpart, direct);
  }

  public CreateRoomOptions withDirect(boolean value) {
    return new CreateRoomOptions(
        name, topic, encrypted, invitees, userPowerLevels, preset, aliasLocalpart, value);
  }
}

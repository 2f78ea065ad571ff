package cd.chatrix.crypto;

import java.util.List;

/** The {@code device_lists} section of a {@code /sync} response. */
public record DeviceListChanges(List<String> changed, List<String> left) {
  public static final DeviceListChanges NONE = new DeviceListChanges(List.of(), List.of());

  public DeviceListChanges {
    changed = List.copyOf(changed);
    left = List.copyOf(left);
  }
}

package cd.chatrix.bot.fake;

import cd.chatrix.bot.port.DeviceInfo;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Verification;
import cd.chatrix.bot.port.Verification.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An encryption port that records what the bot asked for; tests play the other device with {@link
 * #incoming}, {@link #advance} and {@link #theyCancel}, which notify the bot like sync would.
 */
public final class FakeEncryption implements EncryptionPort {
  public static final List<Verification.Emoji> EMOJIS =
      List.of(
          new Verification.Emoji("🐶", "Dog"),
          new Verification.Emoji("🔑", "Key"),
          new Verification.Emoji("🚀", "Rocket"),
          new Verification.Emoji("🎸", "Guitar"),
          new Verification.Emoji("🌵", "Cactus"),
          new Verification.Emoji("⚓", "Anchor"),
          new Verification.Emoji("🍕", "Pizza"));

  public EncryptionIdentity identity =
      new EncryptionIdentity(
          Harness.BOT,
          "BOTDEVICE",
          "Xk4mYq2ZpL9sVb7nTc3wRd8fGh1jKe5uAo6iPy0tQzM",
          Optional.of("masterkey"),
          true,
          EncryptionIdentity.KeySharing.ALL_DEVICES);
  public final Map<String, List<DeviceInfo>> devices = new HashMap<>();
  public final List<String> calls = new CopyOnWriteArrayList<>();
  public Optional<PortException> failure = Optional.empty();
  private final Map<String, Verification> verifications = new LinkedHashMap<>();
  private final List<Consumer<Verification>> listeners = new CopyOnWriteArrayList<>();
  private int next;

  public FakeEncryption device(String user, String id, String name, DeviceInfo.Trust trust) {
    devices
        .computeIfAbsent(user, u -> new ArrayList<>())
        .add(new DeviceInfo(user, id, name, "ed" + id, trust));
    return this;
  }

  @Override
  public EncryptionIdentity identity() {
    fail();
    return identity;
  }

  @Override
  public List<DeviceInfo> devices(String userId) {
    fail();
    return List.copyOf(devices.getOrDefault(userId, List.of()));
  }

  @Override
  public synchronized List<Verification> verifications() {
    fail();
    return List.copyOf(verifications.values());
  }

  @Override
  public Verification start(String userId, String deviceId) {
    fail();
    calls.add("start " + userId + " " + deviceId);
    return put(newId(), userId, deviceId, true, Phase.WAITING, Optional.empty());
  }

  @Override
  public void accept(String id) {
    calls.add("accept " + id);
    move(id, Phase.WAITING);
  }

  @Override
  public void confirm(String id) {
    calls.add("confirm " + id);
    move(id, Phase.CONFIRMED);
  }

  @Override
  public void cancel(String id, boolean mismatch) {
    calls.add("cancel " + id + (mismatch ? " mismatch" : ""));
    Verification v = get(id);
    put(id, v.userId(), v.deviceId(), v.weStarted(), Phase.CANCELLED, Optional.of("you cancelled"));
  }

  @Override
  public void onVerificationChange(Consumer<Verification> listener) {
    listeners.add(listener);
  }

  /** The other device asks to verify; returns the verification id. */
  public String incoming(String userId, String deviceId) {
    return put(newId(), userId, deviceId, false, Phase.REQUESTED, Optional.empty()).id();
  }

  /** The other device answered: the verification moves to {@code phase}. */
  public void advance(String id, Phase phase) {
    move(id, phase);
  }

  public void theyCancel(String id, String reason) {
    Verification v = get(id);
    put(id, v.userId(), v.deviceId(), v.weStarted(), Phase.CANCELLED, Optional.of(reason));
  }

  public synchronized Verification get(String id) {
    Verification v = verifications.get(id);
    if (v == null) {
      throw new PortException("no verification " + id);
    }
    return v;
  }

  private void move(String id, Phase phase) {
    Verification v = get(id);
    put(id, v.userId(), v.deviceId(), v.weStarted(), phase, Optional.empty());
  }

  private Verification put(
      String id,
      String user,
      String device,
      boolean weStarted,
      Phase phase,
      Optional<String> reason) {
    List<Verification.Emoji> emojis =
        phase == Phase.COMPARE || phase == Phase.CONFIRMED ? EMOJIS : List.of();
    Verification v = new Verification(id, user, device, weStarted, phase, emojis, reason);
    synchronized (this) {
      verifications.put(id, v);
    }
    listeners.forEach(l -> l.accept(v));
    return v;
  }

  /** Transaction ids are long and random in real life; chat shows their first characters. */
  private synchronized String newId() {
    next++;
    return "tx" + next + "-5f0c9a1e-2b7d-4c3e-9f10-0a1b2c3d4e5f";
  }

  private void fail() {
    failure.ifPresent(e -> {
      throw e;
    });
  }
}

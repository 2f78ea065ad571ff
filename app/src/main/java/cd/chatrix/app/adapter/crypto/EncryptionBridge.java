package cd.chatrix.app.adapter.crypto;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.app.store.crypto.SqlCryptoStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.crypto.AttachmentCrypto;
import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.crypto.DeviceListChanges;
import cd.chatrix.crypto.EncryptionResult;
import cd.chatrix.crypto.LateDecryption;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.ToDeviceEvent;
import cd.chatrix.crypto.TrustPolicy;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.Session;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.send.AttachmentEncryptor;
import cd.chatrix.matrix.send.OutgoingEvent;
import cd.chatrix.matrix.send.OutgoingEventEncryptor;
import cd.chatrix.matrix.sync.IncomingEventDecryptor;
import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.matrix.sync.RoomEventHandler;
import cd.chatrix.matrix.sync.SyncBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * End-to-end encryption for a logged-in {@link MatrixClient}: owns the {@link OlmMachine} of the
 * bot's device, feeds it every sync, sends its requests from a background loop, decrypts incoming
 * {@code m.room.encrypted} events, encrypts outgoing events and attachments for encrypted rooms,
 * and publishes the bot's cross-signing identity once. Install it after login and before {@link
 * MatrixClient#startSync()}; close it after closing the client.
 *
 * <p>Events whose room key arrives late are handed once more to the handlers registered with {@link
 * #onRoomEvent}, decrypted, in a per-room order of their own.
 */
public final class EncryptionBridge
    implements IncomingEventDecryptor, OutgoingEventEncryptor, AttachmentEncryptor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EncryptionBridge.class);
  private static final Duration IDLE_FLUSH = Duration.ofSeconds(30);
  private static final Duration ENCRYPT_DEADLINE = Duration.ofSeconds(60);
  private static final int REMEMBERED_UNDECRYPTABLE = 1_000;

  /**
   * How the bridge behaves.
   *
   * @param password the account password for the cross-signing upload's interactive auth, or {@link
   *     Secret#NONE} when the bot logs in another way
   */
  public record Settings(TrustPolicy trustPolicy, Secret password, boolean bootstrapCrossSigning) {
    public static Settings from(MatrixConfig config) {
      return new Settings(
          config.trustPolicy() == MatrixConfig.TrustPolicy.VERIFIED
              ? TrustPolicy.VERIFIED_ONLY
              : TrustPolicy.ALL_DEVICES,
          config.authType() == MatrixConfig.AuthType.PASSWORD ? config.password() : Secret.NONE,
          true);
    }
  }

  private final MatrixClient matrix;
  private final OlmMachine machine;
  private final RequestSender requests;
  private final RoomCryptoTracker rooms;
  private final LateEvents late;
  private final List<Consumer<ToDeviceEvent>> toDeviceListeners = new CopyOnWriteArrayList<>();
  private final Semaphore wake = new Semaphore(0);
  private final Map<String, RoomEvent> undecryptable =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RoomEvent> eldest) {
          return size() > REMEMBERED_UNDECRYPTABLE;
        }
      };
  private final DecryptedSenders senders = new DecryptedSenders();
  private final Thread loop;
  private volatile boolean closed;
  private volatile Runnable undecryptableListener = () -> {};

  private EncryptionBridge(
      MatrixClient matrix, CryptoStore store, PickleKey pickleKey, Settings settings) {
    Session session = matrix.session();
    this.matrix = matrix;
    this.machine =
        new OlmMachine(
            session.userId(), session.deviceId(), new VodozemacEngine(), store, pickleKey);
    this.requests = new RequestSender(machine, matrix.api(), session.userId(), settings.password());
    this.rooms = new RoomCryptoTracker(machine, matrix, settings.trustPolicy(), wake::release);
    this.late = new LateEvents();
    machine.onLateDecryption(this::onLateDecryption);
    if (settings.bootstrapCrossSigning() && machine.crossSigningMasterKey().isEmpty()) {
      String master = machine.bootstrapCrossSigning();
      LOG.info("Created the bot's cross-signing identity (master key {})", master);
    }
    this.loop = Thread.ofVirtual().name("crypto-requests-" + session.userId()).start(this::run);
  }

  /**
   * The production wiring: crypto state in {@code store} (opened with {@code Schema.MIGRATIONS}),
   * the pickle key from {@link PickleKeys#load(MatrixConfig)}, the trust policy and password from
   * the configuration. Hooks itself into {@code matrix}, which must be logged in and not yet
   * syncing.
   */
  public static EncryptionBridge install(MatrixClient matrix, Store store, MatrixConfig config) {
    return install(
        matrix, new SqlCryptoStore(store), PickleKeys.load(config), Settings.from(config));
  }

  public static EncryptionBridge install(
      MatrixClient matrix, CryptoStore store, PickleKey pickleKey, Settings settings) {
    EncryptionBridge bridge = new EncryptionBridge(matrix, store, pickleKey, settings);
    matrix.onSync(bridge::onSync);
    matrix.setDecryptor(bridge);
    matrix.setEncryptors(bridge, bridge);
    bridge.wake.release();
    return bridge;
  }

  /**
   * Registers a room-event handler with the client and for late decryptions: use this instead of
   * {@link MatrixClient#onRoomEvent} so that a message whose key came late still reaches it.
   */
  public void onRoomEvent(RoomEventHandler handler) {
    matrix.onRoomEvent(handler);
    late.addHandler(handler);
  }

  /**
   * Told once for every encrypted room event that could not be decrypted when it arrived (its key
   * is missing, or the machine refused it), for metrics. Quick, and must not throw.
   */
  public void onUndecryptable(Runnable listener) {
    this.undecryptableListener = java.util.Objects.requireNonNull(listener, "listener");
  }

  private void undecryptable() {
    try {
      undecryptableListener.run();
    } catch (RuntimeException e) {
      LOG.warn("The undecryptable-event listener failed", e);
    }
  }

  /** To-device events the machine passed on (verification and others), decrypted. */
  public void onToDevice(Consumer<ToDeviceEvent> listener) {
    toDeviceListeners.add(listener);
  }

  /** The machine, for verification and device trust ({@code !cd verify}, {@code !cd sessions}). */
  public OlmMachine machine() {
    return machine;
  }

  /** Sends what the machine has queued now, in the caller's thread. */
  public void flushRequests() {
    requests.flush();
  }

  private void onSync(SyncBatch batch) {
    JsonNode raw = batch.raw();
    List<JsonNode> toDevice = new ArrayList<>();
    raw.path("to_device").path("events").forEach(toDevice::add);
    DeviceListChanges lists =
        new DeviceListChanges(
            strings(raw.path("device_lists").path("changed")),
            strings(raw.path("device_lists").path("left")));
    Map<String, Integer> counts = new HashMap<>();
    raw.path("device_one_time_keys_count")
        .properties()
        .forEach(e -> counts.put(e.getKey(), e.getValue().asInt(0)));
    JsonNode fallback = raw.path("device_unused_fallback_key_types");
    Optional<List<String>> unusedFallback =
        fallback.isArray() ? Optional.of(strings(fallback)) : Optional.empty();
    rooms.onSync(batch);
    List<ToDeviceEvent> passedOn =
        machine.receiveSyncChanges(toDevice, lists, counts, unusedFallback);
    for (ToDeviceEvent event : passedOn) {
      for (Consumer<ToDeviceEvent> listener : toDeviceListeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          LOG.warn("A to-device listener failed on {}", event.type(), e);
        }
      }
    }
    wake.release();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> {
      if (n.isString()) {
        out.add(n.asString());
      }
    });
    return out;
  }

  @Override
  public RoomEvent decrypt(RoomEvent event) {
    if (!event.type().equals("m.room.encrypted")) {
      return event;
    }
    DecryptionResult result = machine.decrypt(event.roomId(), event.raw());
    return switch (result) {
      case DecryptionResult.Decrypted d -> senders.remember(event, decrypted(event, d), d);
      case DecryptionResult.MissingKey m -> {
        synchronized (undecryptable) {
          undecryptable.put(event.eventId(), event);
        }
        LOG.info(
            "Cannot decrypt {} in {} yet{}; asked for its key",
            event.eventId(),
            event.roomId(),
            m.withheldCode().map(c -> " (the sender withheld it: " + c + ")").orElse(""));
        undecryptable();
        wake.release();
        yield event;
      }
      case DecryptionResult.Rejected r -> {
        LOG.warn("Refused to decrypt {} in {}: {}", event.eventId(), event.roomId(), r.reason());
        undecryptable();
        yield event;
      }
    };
  }

  /**
   * The device that sent an event this bridge decrypted, and how far it is trusted; empty for an
   * event that was not encrypted (or that this bridge did not hand out).
   */
  public Optional<DecryptedSenders.Sender> senderOf(RoomEvent event) {
    return senders.of(event);
  }

  private static RoomEvent decrypted(RoomEvent encrypted, DecryptionResult.Decrypted d) {
    return decrypted(encrypted, d.eventType(), d.content());
  }

  /** The clear event in place of the encrypted one; relations stay readable from the wrapper. */
  private static RoomEvent decrypted(RoomEvent encrypted, String type, JsonNode clear) {
    ObjectNode content =
        clear instanceof ObjectNode object
            ? object.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    JsonNode relation = encrypted.content().path("m.relates_to");
    if (!content.has("m.relates_to") && relation.isObject()) {
      content.set("m.relates_to", relation.deepCopy());
    }
    ObjectNode raw = ((ObjectNode) encrypted.raw()).deepCopy();
    raw.put("type", type);
    raw.set("content", content);
    return encrypted.withPayload(type, content, raw);
  }

  private void onLateDecryption(LateDecryption late) {
    RoomEvent original;
    synchronized (undecryptable) {
      original = undecryptable.remove(late.eventId());
    }
    if (original == null) {
      // Waiting since before a restart: it was never handled, so it is handled now.
      JsonNode raw = late.event();
      original =
          new RoomEvent(
              late.roomId(),
              late.eventId(),
              raw.path("type").asString(""),
              raw.path("sender").asString(""),
              raw.path("origin_server_ts").asLong(0),
              Optional.empty(),
              raw.path("content"),
              raw,
              false);
    }
    this.late.submit(senders.remember(original, decrypted(original, late.result()), late.result()));
  }

  @Override
  public OutgoingEvent encrypt(String roomId, OutgoingEvent event) {
    long deadline = System.nanoTime() + ENCRYPT_DEADLINE.toNanos();
    String reason = "";
    while (System.nanoTime() < deadline && !closed) {
      EncryptionResult result =
          machine.encrypt(
              roomId, rooms.members(roomId), rooms.settings(roomId), event.type(), event.content());
      switch (result) {
        case EncryptionResult.Encrypted e -> {
          return new OutgoingEvent("m.room.encrypted", e.content());
        }
        case EncryptionResult.NeedsRequests n -> {
          reason = n.reason();
          RequestSender.Flush flush = requests.flush();
          if (flush.sent() == 0 && flush.failed() == 0) {
            // The keys are on their way (another thread is sending): wait as any retry does.
            Sleeper.REAL.sleep(Duration.ofMillis(200));
          }
        }
      }
    }
    throw new IllegalStateException(
        "Could not encrypt for room "
            + roomId
            + " within "
            + ENCRYPT_DEADLINE.toSeconds()
            + " s ("
            + reason
            + "); the message was not sent. Check that the homeserver's keys endpoints are"
            + " reachable.");
  }

  @Override
  public EncryptedAttachment encrypt(byte[] plain) {
    AttachmentCrypto.EncryptedAttachment sealed = AttachmentCrypto.encrypt(plain);
    return new EncryptedAttachment(sealed.ciphertext(), sealed.file());
  }

  private void run() {
    int failures = 0;
    // A cause that lasts (the store away) fails every flush: said once each way.
    boolean failing = false;
    while (!closed) {
      try {
        Duration wait =
            failures == 0
                ? IDLE_FLUSH
                : Duration.ofSeconds(Math.min(IDLE_FLUSH.toSeconds(), 1L << Math.min(failures, 5)));
        wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
        if (closed) {
          return;
        }
        RequestSender.Flush flush = requests.flush();
        failures = flush.deferred() > 0 ? failures + 1 : 0;
        if (failing) {
          LOG.info("Sending crypto requests works again");
          failing = false;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failures++;
        if (!failing) {
          LOG.warn(
              "Sending crypto requests failed ({}); retrying with back-off, and a line follows"
                  + " when it works again",
              e.getMessage());
          LOG.debug("Sending crypto requests failed", e);
          failing = true;
        } else {
          LOG.debug("Sending crypto requests failed again ({})", e.getMessage());
        }
      }
    }
  }

  /** Stops the request loop and the late-event lanes; close the Matrix client first. */
  @Override
  public void close() {
    closed = true;
    loop.interrupt();
    try {
      loop.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rooms.close();
    late.close();
    machine.close();
  }
}

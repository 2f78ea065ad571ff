package cd.chatrix.matrix;

import cd.chatrix.matrix.auth.Authenticated;
import cd.chatrix.matrix.auth.HomeserverDiscovery;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.auth.Session;
import cd.chatrix.matrix.auth.SessionBootstrap;
import cd.chatrix.matrix.auth.SessionStore;
import cd.chatrix.matrix.auth.SsoRedirects;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.RetryLayer;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.room.InviteHandler;
import cd.chatrix.matrix.room.InvitePolicy;
import cd.chatrix.matrix.room.RoomActions;
import cd.chatrix.matrix.room.RoomRegistry;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.send.AttachmentEncryptor;
import cd.chatrix.matrix.send.MediaDownloader;
import cd.chatrix.matrix.send.MediaUploader;
import cd.chatrix.matrix.send.MessageSender;
import cd.chatrix.matrix.send.OutboxStore;
import cd.chatrix.matrix.send.OutgoingEventEncryptor;
import cd.chatrix.matrix.sync.IncomingEventDecryptor;
import cd.chatrix.matrix.sync.RoomEventHandler;
import cd.chatrix.matrix.sync.SyncEngine;
import cd.chatrix.matrix.sync.SyncListener;
import cd.chatrix.matrix.sync.SyncOptions;
import cd.chatrix.matrix.sync.SyncStateStore;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The bot's Matrix account, wired: log in (or resume), then sync, rooms and sending share one
 * authenticated transport. Construct with {@link #builder}, call {@link #login}, register handlers,
 * then {@link #startSync}. Closing stops everything it started.
 *
 * <pre>{@code
 * try (MatrixClient matrix = MatrixClient.builder(MatrixClient.discover("example.org"))
 *     .sessionStore(db.sessions()).syncStateStore(db.sync()).outboxStore(db.outbox())
 *     .deviceName("ChatrixCD Bot").build()) {
 *   matrix.login(new LoginMethod.Password("chatrixcd", password));
 *   matrix.setInvitePolicy(invite -> allowed(invite) ? ACCEPT : DECLINE);
 *   matrix.onRoomEvent(event -> {
 *     if (!event.historic() && event.type().equals("m.room.message")) {
 *       matrix.sender().sendMessage(event.roomId(),
 *           MessageContent.notice("pong").replyTo(event.eventId(), event.sender()).build());
 *     }
 *   });
 *   matrix.startSync();
 * }
 * }</pre>
 */
public final class MatrixClient implements AutoCloseable {
  private final URI homeserver;
  private final SessionStore sessions;
  private final SyncStateStore syncState;
  private final OutboxStore outbox;
  private final SyncOptions syncOptions;
  private final String deviceName;
  private final Optional<String> deviceId;
  private final Transports transports;
  private final Clock clock;
  private final Sleeper sleeper;

  private Authenticated auth;
  private HttpTransport api;
  private RoomRegistry rooms;
  private RoomActions roomActions;
  private InviteHandler invites;
  private SyncEngine sync;
  private MessageSender sender;
  private MediaUploader media;
  private MediaDownloader downloads;

  private MatrixClient(Builder b) {
    this.homeserver = b.homeserver;
    this.sessions = b.sessions;
    this.syncState = b.syncState;
    this.outbox = b.outbox;
    this.syncOptions = b.syncOptions;
    this.deviceName = b.deviceName;
    this.deviceId = b.deviceId;
    this.clock = b.clock;
    this.sleeper = b.syncOptions.sleeper();
    this.transports = new Transports(new RetryLayer(6, b.syncOptions.backoff(), sleeper));
  }

  public static Builder builder(URI homeserver) {
    return new Builder(homeserver);
  }

  /** Finds the client-server URL of a server name or URL (well-known, then /versions). */
  public static URI discover(String serverNameOrUrl) {
    try (Transports t = Transports.standard()) {
      return new HomeserverDiscovery(t::plain).discover(serverNameOrUrl).baseUrl();
    }
  }

  /**
   * Resumes the stored session or logs in with {@code method}, then wires rooms, sync and sending.
   */
  public synchronized Session login(LoginMethod method) {
    if (auth != null) {
      throw new IllegalStateException("already logged in as " + auth.session().userId());
    }
    auth =
        new SessionBootstrap(homeserver, transports::plain, sessions, clock, sleeper)
            .establish(method, deviceId, deviceName);
    String userId = auth.session().userId();
    api = transports.authenticated(homeserver, auth.tokens());
    rooms = new RoomRegistry(userId);
    roomActions = new RoomActions(api);
    invites =
        new InviteHandler(
            userId, roomActions, InvitePolicy.ACCEPT_ALL, syncOptions.backoff(), sleeper);
    sync = new SyncEngine(api, userId, syncState, syncOptions);
    sync.addListener(rooms);
    sync.addListener(invites);
    sender = new MessageSender(api, outbox, this::encrypted, syncOptions.backoff(), sleeper);
    media = new MediaUploader(api, this::encrypted);
    downloads = new MediaDownloader(api);
    return auth.session();
  }

  /** From the state cache, or from the server for a room sync has not shown yet. */
  private boolean encrypted(String roomId) {
    return rooms
        .room(roomId)
        .map(RoomState::encrypted)
        .orElseGet(() -> roomActions.isEncrypted(roomId));
  }

  /** Login flows and the SSO browser URL; usable before logging in. */
  public SsoRedirects ssoRedirects() {
    return new SsoRedirects(transports.plain(homeserver));
  }

  /** The current session (tokens change as they are renewed). */
  public Session session() {
    return requireLogin().session();
  }

  /**
   * Why the session ended for good (the server rejected it and it could not be renewed), once it
   * has; from then on every request fails until a person logs the bot in again.
   */
  public Optional<String> sessionEnded() {
    return requireLogin().tokens().ended();
  }

  /** Called once, with the reason, when the session ends for good (see {@link #sessionEnded}). */
  public void onSessionEnded(java.util.function.Consumer<String> listener) {
    requireLogin().tokens().onEnded(listener);
  }

  public void onRoomEvent(RoomEventHandler handler) {
    requireSync().addHandler(handler);
  }

  public void onSync(SyncListener listener) {
    requireSync().addListener(listener);
  }

  /** Where encryption decrypts incoming events before handlers see them. */
  public void setDecryptor(IncomingEventDecryptor decryptor) {
    requireSync().setDecryptor(decryptor);
  }

  /** Where encryption wraps outgoing events and attachments for encrypted rooms. */
  public void setEncryptors(OutgoingEventEncryptor events, AttachmentEncryptor attachments) {
    requireLogin();
    sender.setEncryptor(events);
    media.setEncryptor(attachments);
  }

  public void setInvitePolicy(InvitePolicy policy) {
    requireLogin();
    invites.setPolicy(policy);
  }

  /** Waits up to {@code timeout} for the invites synced so far to be answered (joined/declined). */
  public void awaitInviteAnswers(java.time.Duration timeout) throws InterruptedException {
    requireLogin();
    invites.awaitAnswers(timeout);
  }

  /** Re-sends what an earlier run left unconfirmed, then starts the sync loop. */
  public void startSync() {
    requireSync();
    sender.resendPending();
    sync.start();
  }

  public SyncEngine sync() {
    return requireSync();
  }

  public RoomRegistry rooms() {
    return afterLogin(rooms);
  }

  public RoomActions roomActions() {
    return afterLogin(roomActions);
  }

  public MessageSender sender() {
    return afterLogin(sender);
  }

  public MediaUploader media() {
    return afterLogin(media);
  }

  public MediaDownloader downloads() {
    return afterLogin(downloads);
  }

  /** The authenticated transport, for endpoints this module has no wrapper for (crypto keys). */
  public HttpTransport api() {
    return afterLogin(api);
  }

  /** One of the parts that only work once logged in; throws before the login. */
  private <T> T afterLogin(T part) {
    requireLogin();
    return part;
  }

  private Authenticated requireLogin() {
    if (auth == null) {
      throw new IllegalStateException("log in first");
    }
    return auth;
  }

  private SyncEngine requireSync() {
    requireLogin();
    return sync;
  }

  @Override
  public synchronized void close() {
    if (sync != null) {
      sync.close();
    }
    if (sender != null) {
      sender.close();
    }
    transports.close();
  }

  /** Settings of a client; stores default to in-memory ones (tests only). */
  public static final class Builder {
    private final URI homeserver;
    private SessionStore sessions = new cd.chatrix.matrix.auth.InMemorySessionStore();
    private SyncStateStore syncState = new cd.chatrix.matrix.sync.InMemorySyncStateStore();
    private OutboxStore outbox = new cd.chatrix.matrix.send.InMemoryOutboxStore();
    private SyncOptions syncOptions = SyncOptions.defaults();
    private String deviceName = "ChatrixCD Bot";
    private Optional<String> deviceId = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder(URI homeserver) {
      this.homeserver = homeserver;
    }

    public Builder sessionStore(SessionStore store) {
      this.sessions = store;
      return this;
    }

    public Builder syncStateStore(SyncStateStore store) {
      this.syncState = store;
      return this;
    }

    public Builder outboxStore(OutboxStore store) {
      this.outbox = store;
      return this;
    }

    public Builder syncOptions(SyncOptions options) {
      this.syncOptions = options;
      return this;
    }

    public Builder deviceName(String name) {
      this.deviceName = name;
      return this;
    }

    /** The device id for the very first login; later logins reuse the stored one. */
    public Builder deviceId(String id) {
      this.deviceId = Optional.of(id);
      return this;
    }

    public Builder clock(Clock newClock) {
      this.clock = newClock;
      return this;
    }

    public Builder backoff(Backoff backoff, Sleeper sleeper) {
      this.syncOptions = syncOptions.withBackoff(backoff, sleeper);
      return this;
    }

    public MatrixClient build() {
      return new MatrixClient(this);
    }
  }
}

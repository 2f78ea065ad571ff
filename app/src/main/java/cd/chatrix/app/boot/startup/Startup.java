package cd.chatrix.app.boot.startup;

import cd.chatrix.app.adapter.matrix.MatrixSetup;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.ops.StartupCheck;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.semaphore.SemaphoreClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of start-up that need a server, each waiting for it instead of failing: the Semaphore
 * login (only with a user name and password; a token needs no request), the Matrix login, and the
 * first sync. The Semaphore token check runs beside them. {@link #check()} tells {@code /readyz}
 * what is being waited for.
 */
public final class Startup {
  private static final Logger log = LoggerFactory.getLogger(Startup.class);
  // Nobody is greeted before the first sync; after this long, say why the bot is still quiet.
  private static final Duration FIRST_SYNC_PATIENCE = Duration.ofSeconds(60);
  // How long a serving-ready bot still waits for Semaphore's verdict on its token.
  private static final Duration TOKEN_VERDICT_PATIENCE = Duration.ofSeconds(3);
  private static final Duration STOP_POLL = Duration.ofMillis(250);

  private final ChatrixConfig config;
  private final Shutdown shutdown;
  private final StartupCheck check = new StartupCheck();
  private final String homeserver;
  private final String semaphoreServer;
  private final MatrixFailures matrixFailures;
  private final SemaphoreFailures semaphoreFailures;
  private Optional<SemaphoreTokenCheck> tokenCheck = Optional.empty();

  public Startup(ChatrixConfig config, Shutdown shutdown) {
    this.config = config;
    this.shutdown = shutdown;
    this.homeserver = MatrixSetup.displayName(config.matrix().homeserver());
    this.semaphoreServer = MatrixSetup.displayName(config.semaphore().url());
    this.matrixFailures = new MatrixFailures(config.matrix(), homeserver);
    this.semaphoreFailures =
        new SemaphoreFailures(semaphoreServer, !config.semaphore().apiToken().isPresent());
  }

  /** Unready with the reason until the bot serves. */
  public StartupCheck check() {
    return check;
  }

  /**
   * The Semaphore client. With an API token it is built without a request; with a user name and
   * password it must log in first, and that waits for Semaphore like the Matrix login does.
   */
  public SemaphoreClient semaphore(Supplier<SemaphoreClient> create)
      throws StartupRefused, StartupStopped, StartupFailed {
    if (config.semaphore().apiToken().isPresent()) {
      return create.get();
    }
    return waitFor("Semaphore at " + semaphoreServer, semaphoreFailures::classify).until(create);
  }

  /** Starts asking Semaphore whether it takes the token; a refusal stops start-up. */
  public void checkSemaphoreToken(SemaphoreClient semaphore) {
    tokenCheck =
        Optional.of(
            SemaphoreTokenCheck.start(semaphore::info, semaphoreFailures, shutdown::requestStop));
  }

  /** Semaphore's refusal of the token, once it has refused. */
  public Optional<String> semaphoreRefusal() {
    return tokenCheck.flatMap(SemaphoreTokenCheck::refusal);
  }

  /** Waits briefly for Semaphore's verdict; a refusal is a configuration error. */
  public void settleSemaphoreToken() throws StartupRefused, StartupStopped {
    if (tokenCheck.isPresent()) {
      tokenCheck.get().settle(TOKEN_VERDICT_PATIENCE);
    }
  }

  /**
   * A Matrix client built by {@code build} (which may need the network, to discover a server name)
   * and logged in with {@code method}, waiting for the homeserver as long as it takes.
   */
  public MatrixClient loggedIn(Supplier<MatrixClient> build, LoginMethod method)
      throws StartupRefused, StartupStopped, StartupFailed {
    AtomicReference<MatrixClient> client = new AtomicReference<>();
    AtomicBoolean handedOver = new AtomicBoolean();
    // Closes a client that a stop or a refusal left behind; the caller registers a logged-in one
    // itself, in the order the rest of shutdown needs.
    shutdown.register(
        "Matrix login",
        () -> {
          if (!handedOver.get() && client.get() != null) {
            client.get().close();
          }
        });
    try {
      waitFor("the homeserver at " + homeserver, matrixFailures::classify)
          .until(() -> client.updateAndGet(c -> c != null ? c : build.get()).login(method));
    } catch (StartupRefused | StartupStopped | StartupFailed e) {
      Optional.ofNullable(client.get()).ifPresent(MatrixClient::close);
      throw e;
    }
    handedOver.set(true);
    return client.get();
  }

  /**
   * Returns once the first sync is in, however long the homeserver takes (the sync engine retries
   * on its own); fails only when the sync ended for good.
   */
  public void awaitFirstSync(MatrixClient matrix)
      throws StartupRefused, StartupStopped, StartupFailed {
    check.waiting("waiting for the first sync with " + homeserver);
    long started = System.nanoTime();
    boolean told = false;
    try {
      while (!matrix.sync().awaitFirstSync(STOP_POLL)) {
        Optional<Throwable> ended = matrix.sync().failure();
        if (ended.isPresent()) {
          endedSync(ended.get());
        }
        if (shutdown.stopRequested()) {
          throw new StartupStopped();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        if (!told && waited.compareTo(FIRST_SYNC_PATIENCE) > 0) {
          log.warn(
              "The first sync with {} has not come in after {} s; still waiting, and the bot"
                  + " greets its rooms and answers once it has",
              homeserver,
              waited.toSeconds());
          told = true;
        }
      }
      Optional<Throwable> ended = matrix.sync().failure();
      if (ended.isPresent()) {
        endedSync(ended.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupStopped();
    }
    if (told) {
      log.info("The first sync with {} is in", homeserver);
    }
  }

  private void endedSync(Throwable failure) throws StartupRefused, StartupFailed {
    String stopped = "The sync with " + homeserver + " stopped: ";
    switch (matrixFailures.classify(failure)) {
      case Verdict.Refuse refuse -> throw new StartupRefused(refuse.whatToFix(), failure);
      case Verdict.Wait wait -> throw new StartupFailed(stopped + wait.detail(), failure);
      case Verdict.Fail fail -> throw new StartupFailed(stopped + fail.message(), failure);
    }
  }

  private ServerWait waitFor(String server, Function<Throwable, Verdict> why) {
    check.waiting("connecting to " + server);
    return new ServerWait(server, why, shutdown::stopRequested, check::waiting, Pace.DEFAULT);
  }
}

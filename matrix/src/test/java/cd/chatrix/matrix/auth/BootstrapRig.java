package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.time.Clock;

/**
 * A test homeserver with what a {@link SessionBootstrap} needs around it (transports and a session
 * store that outlive one bootstrap, as across a restart), and a whoami to check whom a session
 * speaks for. Closing it closes the transports and the homeserver.
 */
final class BootstrapRig implements AutoCloseable {
  final TestHomeserver hs = TestHomeserver.start();
  final Transports transports = Transports.standard();
  final InMemorySessionStore store = new InMemorySessionStore();

  /** A fresh bootstrap against this rig's homeserver, as one start of the bot makes. */
  SessionBootstrap bootstrap() {
    return bootstrap(hs);
  }

  /** A fresh bootstrap against another homeserver, sharing this rig's transports and store. */
  SessionBootstrap bootstrap(TestHomeserver server) {
    return new SessionBootstrap(
        server.baseUri(), transports::plain, store, Clock.systemUTC(), Sleeper.REAL);
  }

  /** The user id the homeserver sees behind {@code auth}'s tokens. */
  String whoami(Authenticated auth) {
    return transports
        .authenticated(hs.baseUri(), auth.tokens())
        .call(MatrixRequest.get("/_matrix/client/v3/account/whoami"))
        .path("user_id")
        .asString();
  }

  @Override
  public void close() {
    transports.close();
    hs.close();
  }
}

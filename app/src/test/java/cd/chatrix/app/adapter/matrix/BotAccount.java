package cd.chatrix.app.adapter.matrix;

import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.sync.SyncOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A bot client on the test homeserver with short poll times, wired to the given stores. */
final class BotAccount {
  static final String USER = "bot";
  static final String PASSWORD = "bot-password";

  private BotAccount() {}

  static MatrixClient login(TestHomeserver hs, MatrixStores stores) {
    return login(hs, stores, b -> b);
  }

  static MatrixClient login(
      TestHomeserver hs, MatrixStores stores, UnaryOperator<MatrixClient.Builder> adjust) {
    MatrixClient.Builder builder =
        stores
            .applyTo(MatrixClient.builder(hs.baseUri()))
            .syncOptions(
                SyncOptions.defaults()
                    .withPollTimeout(Duration.ofMillis(500))
                    .withHandlerGracePeriod(Duration.ofMillis(500)))
            .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Sleeper.REAL);
    MatrixClient client = adjust.apply(builder).build();
    client.login(new LoginMethod.Password(USER, PASSWORD));
    return client;
  }
}

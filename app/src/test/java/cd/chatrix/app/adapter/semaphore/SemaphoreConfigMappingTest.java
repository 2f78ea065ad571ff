package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.config.PluginsConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.app.config.SemaphoreConfig;
import cd.chatrix.semaphore.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemaphoreConfigMappingTest {

  private static SemaphoreConfig config(String url, Secret token, String user, Secret password) {
    return new SemaphoreConfig(
        url,
        token,
        user,
        password,
        false,
        Optional.of(Path.of("/etc/ca.pem")),
        Optional.of(Path.of("/etc/client.pem")),
        Optional.empty(),
        Duration.ofSeconds(5));
  }

  @Test
  void mapsUrlTokenTlsAndTimeouts() {
    var s =
        SemaphoreConfigMapping.settings(
            config("https://ci.example.org/semaphore/", Secret.of("tok-123"), "", Secret.NONE));

    assertThat(s.url()).isEqualTo(URI.create("https://ci.example.org/semaphore"));
    assertThat(s.credentials()).isEqualTo(new Credentials.ApiToken("tok-123"));
    assertThat(s.tls().verify()).isFalse();
    assertThat(s.tls().caCert()).contains(Path.of("/etc/ca.pem"));
    assertThat(s.tls().clientCert()).contains(Path.of("/etc/client.pem"));
    assertThat(s.tls().clientKey()).isEmpty();
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void fallsBackToPasswordLoginAndKeepsSecretsOutOfErrors() {
    var s =
        SemaphoreConfigMapping.settings(
            config("http://sem:3000", Secret.NONE, "bot", Secret.of("pa55word")));
    assertThat(s.credentials()).isEqualTo(new Credentials.Password("bot", "pa55word"));

    assertThatThrownBy(() ->
            SemaphoreConfigMapping.settings(
                config("http://sem:3000", Secret.NONE, "bot", Secret.NONE)))
        .hasMessageContaining("semaphore.api_token");
    assertThatThrownBy(() ->
            SemaphoreConfigMapping.settings(
                config("https://bot:pa55word@sem", Secret.NONE, "", Secret.NONE)))
        .hasMessageContaining("semaphore.url")
        .hasMessageNotContaining("pa55word");
    assertThatThrownBy(
            () -> SemaphoreConfigMapping.settings(config("", Secret.of("t0ken"), "", Secret.NONE)))
        .hasMessageContaining("semaphore.url");
  }

  @Test
  void pollIntervalSetsTheQuietPollingPace() {
    var poll = new PluginsConfig.SemaphorePoll(true, Duration.ofSeconds(15), Duration.ZERO);

    var w = SemaphoreConfigMapping.watcher(poll).orElseThrow();

    assertThat(w.usePush()).isTrue();
    assertThat(w.maxPollInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(w.minPollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(w.safetyPollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(w.forwardLogs()).isFalse();
    assertThat(SemaphoreConfigMapping.feedRefresh(poll)).isEqualTo(Duration.ofSeconds(15));

    var fast =
        SemaphoreConfigMapping.watcher(
                new PluginsConfig.SemaphorePoll(true, Duration.ofSeconds(1), Duration.ZERO))
            .orElseThrow();
    assertThat(fast.minPollInterval()).isEqualTo(Duration.ofSeconds(1));
    var slow =
        SemaphoreConfigMapping.watcher(
                new PluginsConfig.SemaphorePoll(true, Duration.ofMinutes(5), Duration.ZERO))
            .orElseThrow();
    assertThat(slow.safetyPollInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void disabledPollingMeansNoWatcher() {
    assertThat(
            SemaphoreConfigMapping.watcher(
                new PluginsConfig.SemaphorePoll(false, Duration.ofSeconds(10), Duration.ZERO)))
        .isEmpty();
  }
}

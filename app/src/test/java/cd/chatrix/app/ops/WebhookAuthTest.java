package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.config.Secret;
import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookAuthTest {
  private final WebhookAuth auth = new WebhookAuth(Secret.of("s3cret+value"));

  private static Headers headers(String name, String value) {
    Headers headers = new Headers();
    headers.add(name, value);
    return headers;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsTheSecretHeader() {
    assertThat(auth.accepts(headers("X-ChatrixCD-Secret", "s3cret+value"), null)).isTrue();
    assertThat(auth.accepts(headers("X-ChatrixCD-Secret", "s3cret+valuE"), null)).isFalse();
  }

  @Test
  void acceptsABearerToken() {
    assertThat(auth.accepts(headers("Authorization", "Bearer s3cret+value"), null)).isTrue();
    assertThat(auth.accepts(headers("Authorization", "bearer s3cret+value"), null)).isTrue();
    assertThat(auth.accepts(headers("Authorization", "Bearer s3cret"), null)).isFalse();
  }

  @Test
  void acceptsBasicAuthWithTheSecretAsPasswordAndAnyUser() {
    assertThat(auth.accepts(headers("Authorization", basic("semaphore", "s3cret+value")), null))
        .isTrue();
    assertThat(auth.accepts(headers("Authorization", basic("s3cret+value", "x")), null)).isFalse();
    assertThat(auth.accepts(headers("Authorization", "Basic %%%not-base64"), null)).isFalse();
  }

  @Test
  void acceptsTheUrlEncodedQueryParameter() {
    assertThat(auth.accepts(new Headers(), "a=1&secret=s3cret%2Bvalue")).isTrue();
    assertThat(auth.accepts(new Headers(), "secret=s3cret+value")).isFalse(); // '+' is a space
    assertThat(auth.accepts(new Headers(), "secrets=s3cret%2Bvalue")).isFalse();
  }

  @Test
  void refusesWhenNothingIsPresented() {
    assertThat(auth.accepts(new Headers(), null)).isFalse();
    assertThat(auth.accepts(new Headers(), "")).isFalse();
    assertThat(auth.accepts(headers("X-ChatrixCD-Secret", ""), "secret=")).isFalse();
  }

  @Test
  void theFirstPresentedCredentialDecides() {
    Headers headers = headers("X-ChatrixCD-Secret", "wrong");
    headers.add("Authorization", "Bearer s3cret+value");

    assertThat(auth.accepts(headers, "secret=s3cret%2Bvalue")).isFalse();
  }

  @Test
  void needsAConfiguredSecret() {
    assertThatThrownBy(() -> new WebhookAuth(Secret.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http.webhook_secret");
  }
}

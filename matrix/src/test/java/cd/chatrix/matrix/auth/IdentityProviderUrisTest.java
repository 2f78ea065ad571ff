package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class IdentityProviderUrisTest {
  @Test
  void httpsIsAlwaysFine() {
    URI uri = URI.create("https://id.example.org/token");
    assertThat(IdentityProviderUris.requireSecure(uri, "token endpoint")).isEqualTo(uri);
  }

  @Test
  void plainHttpOnlyForLoopback() {
    for (String ok :
        new String[] {
          "http://localhost:8080/t", "http://127.0.0.1/t", "http://127.8.9.1/t", "http://[::1]:9/t"
        }) {
      assertThat(IdentityProviderUris.requireSecure(URI.create(ok), "x")).hasToString(ok);
    }
  }

  @Test
  void refusesPlainHttpElsewhere() {
    for (String bad :
        new String[] {
          "http://id.example.org/t",
          "http://10.0.0.1/t",
          "http://localhost.evil.org/t",
          "ftp://127.0.0.1/t"
        }) {
      assertThatThrownBy(
              () -> IdentityProviderUris.requireSecure(URI.create(bad), "token endpoint"))
          .isInstanceOf(LoginException.class)
          .hasMessageContaining("HTTPS");
    }
  }
}

package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoginTokenLoginTest {
  @Test
  void acceptsABareToken() {
    assertThat(LoginTokenLogin.extractToken("  syt_abc123 \n")).isEqualTo("syt_abc123");
  }

  @Test
  void pullsTheTokenOutOfTheRedirectUrl() {
    assertThat(
            LoginTokenLogin.extractToken(
                "https://bot.example.org/callback?state=x&loginToken=abc%2Bdef&other=1"))
        .isEqualTo("abc+def");
  }

  @Test
  void acceptsAPastedQueryString() {
    assertThat(LoginTokenLogin.extractToken("?loginToken=tok")).isEqualTo("tok");
  }

  @Test
  void explainsAUrlWithoutToken() {
    assertThatThrownBy(() -> LoginTokenLogin.extractToken("https://bot.example.org/callback?x=1"))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("loginToken");
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> LoginTokenLogin.extractToken("   "))
        .isInstanceOf(LoginException.class);
  }
}

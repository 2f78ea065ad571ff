package cd.chatrix.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretRegistryTest {
  @AfterEach
  void forget() {
    SecretRegistry.clear();
  }

  @Test
  void registeredValuesAreReplacedWherever_theyAppear() {
    SecretRegistry.register("Sem4phore-API-t0ken");
    assertThat(
            SecretRegistry.redact("x=Sem4phore-API-t0ken;y=prefixSem4phore-API-t0kensuffix", "#"))
        .isEqualTo("x=#;y=prefix#suffix");
  }

  @Test
  void jsonEscapedAndUrlEncodedSpellingsAreCovered() {
    SecretRegistry.register("pa\"ss w/rd&1");
    assertThat(SecretRegistry.redact("{\"p\":\"pa\\\"ss w/rd&1\"}", "#"))
        .isEqualTo("{\"p\":\"#\"}");
    assertThat(SecretRegistry.redact("?p=pa%22ss+w%2Frd%261", "#")).isEqualTo("?p=#");
    assertThat(SecretRegistry.redact("?p=pa%22ss%20w%2Frd%261", "#")).isEqualTo("?p=#");
  }

  @Test
  void longerSecretsWinOverTheirPrefixes() {
    SecretRegistry.register("abcd");
    SecretRegistry.register("abcdefgh");
    assertThat(SecretRegistry.redact("abcdefgh abcd", "#")).isEqualTo("# #");
  }

  @Test
  void blankAndShortValuesAreIgnored() {
    SecretRegistry.register("");
    SecretRegistry.register("   ");
    SecretRegistry.register("abc");
    SecretRegistry.register(null);
    assertThat(SecretRegistry.size()).isZero();
    assertThat(SecretRegistry.redact("abc", "#")).isEqualTo("abc");
  }

  @Test
  void registeringTwiceIsHarmless() {
    SecretRegistry.register("repeat-me");
    int size = SecretRegistry.size();
    SecretRegistry.register("repeat-me");
    assertThat(SecretRegistry.size()).isEqualTo(size);
    assertThat(SecretRegistry.redact("repeat-me", "#")).isEqualTo("#");
  }
}

package cd.chatrix.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.RunnerPort;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timing wrappers sit between the bot and the app's real ports: a port method one of them does
 * not override falls back to the port's default, which silently skips what the real port does
 * (opening a private room, finding a cut-off start, reading a template by id).
 */
class TimedPortsTest {
  @Test
  void timedChatForwardsEveryMethodOfTheChatPort() {
    assertThat(leftToDefaults(ChatPort.class, TimedChat.class)).isEmpty();
  }

  @Test
  void timedRunnerForwardsEveryMethodOfTheRunnerPort() {
    assertThat(leftToDefaults(RunnerPort.class, TimedRunner.class)).isEmpty();
  }

  private static List<String> leftToDefaults(Class<?> port, Class<?> wrapper) {
    return Arrays.stream(port.getMethods())
        .filter(m -> !m.isSynthetic() && !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
        .filter(m -> !declares(wrapper, m))
        .map(Method::getName)
        .toList();
  }

  private static boolean declares(Class<?> wrapper, Method m) {
    try {
      wrapper.getDeclaredMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}

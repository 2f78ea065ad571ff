package cd.chatrix.app.boot.lease;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.RunnerPort;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderOnlyRunnerTest {

  /**
   * The fence wraps the app's runner: a port method it does not override falls back to the port's
   * default and silently skips what the real runner does (reading a template by id, for one).
   */
  @Test
  void overridesEveryMethodOfThePort() {
    List<String> missing =
        Arrays.stream(RunnerPort.class.getMethods())
            .filter(m -> !m.isSynthetic())
            .filter(m -> !overridden(m))
            .map(Method::getName)
            .toList();
    assertThat(missing).as("RunnerPort methods LeaderOnlyRunner leaves to a default").isEmpty();
  }

  private static boolean overridden(Method portMethod) {
    try {
      LeaderOnlyRunner.class.getDeclaredMethod(
          portMethod.getName(), portMethod.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}

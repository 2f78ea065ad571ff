package cd.chatrix.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void aNumberInRangeIsItsValue() {
    assertThat(Numbers.parse("42", "N", 1, 999)).isEqualTo(42);
    assertThat(Numbers.parse(" 007 ", "N", 1, 999)).isEqualTo(7);
    assertThat(Numbers.parse("+5", "N", 1, 999)).isEqualTo(5);
    assertThat(Numbers.parse("-9223372036854775808", "N", Long.MIN_VALUE, Long.MAX_VALUE))
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void twentyDigitsAreTooLargeWithTheMaximumNamed() {
    assertThatThrownBy(() -> Numbers.parse("99999999999999999999", "Task id", 1, Numbers.MAX_ID))
        .isInstanceOf(UsageException.class)
        .hasMessage("Task id 99999999999999999999 is too large (max 2147483647).");
    assertThatThrownBy(() -> Numbers.parse("2147483648", "Task id", 1, Numbers.MAX_ID))
        .hasMessageContaining("too large (max 2147483647)");
    assertThatThrownBy(() -> Numbers.parse("9223372036854775808", "N", 0, Long.MAX_VALUE))
        .hasMessageContaining("too large (max 9223372036854775807)");
  }

  @Test
  void zeroAndNegativesAreTooSmallWithTheMinimumNamed() {
    assertThatThrownBy(() -> Numbers.parse("0", "--tail", 1, 10))
        .hasMessage("--tail 0 is too small (min 1).");
    assertThatThrownBy(() -> Numbers.parse("-5", "--tail", 1, 10))
        .hasMessage("--tail -5 is too small (min 1).");
    assertThatThrownBy(() -> Numbers.parse("-99999999999999999999", "--tail", 1, 10))
        .hasMessage("--tail -99999999999999999999 is too small (min 1).");
  }

  @Test
  void wordsAndOtherDigitsAreNotNumbers() {
    for (String notANumber :
        new String[] {"x", "", "1.5", "1e9", "0x10", "--5", "\u0663", "\uff13", "5\u200d"}) {
      assertThatThrownBy(() -> Numbers.parse(notANumber, "N", 1, 999))
          .as(notANumber)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("N takes a positive number up to 999; \"");
    }
    assertThatThrownBy(() -> Numbers.parse("x", "N", 0, 9))
        .hasMessage("N takes a whole number from 0 to 9; \"x\" is not.");
    assertThatThrownBy(() -> Numbers.parse("x", "N", Long.MIN_VALUE, Long.MAX_VALUE))
        .hasMessage("N takes a whole number; \"x\" is not.");
  }

  @Test
  void anOverlongNonNumberIsQuotedCut() {
    assertThatThrownBy(() -> Numbers.parse("x".repeat(30_000), "N", 1, 9))
        .hasMessageContaining("xxx…")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
  }

  @Test
  void idsTakeAHashAndStayWithinSemaphoresRange() {
    assertThat(Numbers.tryId("#12")).contains(12L);
    assertThat(Numbers.tryId("12")).contains(12L);
    assertThat(Numbers.tryId("0")).isEmpty();
    assertThat(Numbers.tryId("99999999999999999999")).isEmpty();
    assertThat(Numbers.tryId("infra")).isEmpty();
    assertThatThrownBy(() -> Numbers.id("#0", "Project id"))
        .hasMessage("Project id 0 is too small (min 1).");
  }
}

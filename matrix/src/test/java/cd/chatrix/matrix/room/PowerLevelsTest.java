package cd.chatrix.matrix.room;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.Json;
import org.junit.jupiter.api.Test;

class PowerLevelsTest {
  @Test
  void readsUserAndEventLevelsWithSpecDefaults() {
    PowerLevels levels =
        PowerLevels.from(
            Json.MAPPER.readTree(
                """
                {"users":{"@admin:x":100,"@odd:x":"high"},"users_default":5,"events":{"m.room.message":10}}\
                """));

    assertThat(levels.levelOf("@admin:x")).isEqualTo(100);
    assertThat(levels.levelOf("@someone:x")).isEqualTo(5);
    assertThat(levels.levelOf("@odd:x")).isEqualTo(5);
    assertThat(levels.requiredFor("m.room.message")).isEqualTo(10);
    assertThat(levels.requiredFor("m.reaction")).isZero();
    assertThat(levels.stateDefault()).isEqualTo(50);
    assertThat(levels.maySend("@someone:x", "m.room.message")).isFalse();
    assertThat(levels.maySend("@someone:x", "m.reaction")).isTrue();
  }

  @Test
  void withoutAnEventEveryoneMaySend() {
    assertThat(PowerLevels.ABSENT.maySend("@anyone:x", "m.room.message")).isTrue();
  }
}

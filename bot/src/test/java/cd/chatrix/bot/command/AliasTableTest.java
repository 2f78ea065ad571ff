package cd.chatrix.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.bot.commands.Commands;
import cd.chatrix.bot.store.InMemoryAliasStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasTableTest {
  private final InMemoryAliasStore store =
      new InMemoryAliasStore(
          Map.of("deploy-prod", "run 1 5", "ping", "run 1 6", "bad", "nonsense"));
  private final AliasTable table = new AliasTable(store, Commands.ALL::knows);

  @Test
  void loadDropsShadowingAndBrokenEntries() {
    assertThat(table.all()).containsOnlyKeys("deploy-prod");
  }

  @Test
  void expansionAppendsTheUsersWords() {
    assertThat(table.expand("deploy-prod --tags=web")).isEqualTo("run 1 5 --tags=web");
    assertThat(table.expand("deploy-prod")).isEqualTo("run 1 5");
    assertThat(table.expand("status 4")).isEqualTo("status 4");
  }

  @Test
  void aliasesCannotPointAtAliasesSoExpansionIsOnePass() {
    assertThatThrownBy(() -> table.add("again", "deploy-prod", "!cd"))
        .hasMessageContaining("not one");
  }

  @Test
  void addStripsThePrefixAndPersists() {
    table.add("hc", "!cd ping", "!cd");
    assertThat(store.load()).containsEntry("hc", "ping");
  }

  @Test
  void builtinsAndSynonymsCannotBeShadowed() {
    assertThatThrownBy(() -> table.add("LOGS", "status", "!cd")).hasMessageContaining("built-in");
    assertThatThrownBy(() -> table.add("verify", "status", "!cd")).hasMessageContaining("built-in");
    assertThatThrownBy(() -> table.add("has space", "status", "!cd"))
        .hasMessageContaining("one word");
  }

  @Test
  void removeReportsWhetherItExisted() {
    assertThat(table.remove("deploy-prod")).isTrue();
    assertThat(table.remove("deploy-prod")).isFalse();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void hotReloadReplacesEverything() {
    table.replaceAll(Map.of("x", "projects"));
    assertThat(table.all()).containsExactly(Map.entry("x", "projects"));
  }
}

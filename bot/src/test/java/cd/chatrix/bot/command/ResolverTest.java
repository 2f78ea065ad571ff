package cd.chatrix.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.bot.port.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolverTest {
  private final List<Project> projects =
      List.of(new Project(1, "Infra"), new Project(2, "Infra-legacy"), new Project(12, "Apps"));

  private Project resolve(String q) {
    return Resolver.resolve(
        q, projects, Project::id, Project::name, "project", "See !cd projects.");
  }

  @Test
  void byIdExactNameAndUniquePrefix() {
    assertThat(resolve("12").name()).isEqualTo("Apps");
    assertThat(resolve("#2").name()).isEqualTo("Infra-legacy");
    assertThat(resolve("infra").id()).isEqualTo(1);
    assertThat(resolve("ap").id()).isEqualTo(12);
  }

  @Test
  void ambiguousListsCandidates() {
    assertThatThrownBy(() -> resolve("inf"))
        .hasMessageContaining("Infra (1)")
        .hasMessageContaining("Infra-legacy (2)");
  }

  @Test
  void missExplainsWhereToLook() {
    assertThatThrownBy(() -> resolve("zzz"))
        .hasMessageContaining("No project matches \"zzz\"")
        .hasMessageContaining("!cd projects");
    assertThatThrownBy(() -> resolve("99")).isInstanceOf(UsageException.class);
  }
}

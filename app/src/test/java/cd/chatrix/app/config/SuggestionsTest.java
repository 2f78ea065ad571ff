package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void suggestsNearMissesOnly() {
    List<String> keys = List.of("command_prefix", "admin_users", "allowed_rooms");
    assertThat(Suggestions.closest("comand_prefix", keys)).contains("command_prefix");
    assertThat(Suggestions.closest("Admin-Users", keys)).contains("admin_users");
    assertThat(Suggestions.closest("frobnicate", keys)).isEmpty();
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }
}

package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCatalogTest {
  @Test
  void everyCategoryHasDefaults() {
    var c = new MessageCatalog(new Random(1));
    for (String cat : MessageCatalog.CATEGORIES) {
      assertThat(c.pick(cat, Map.of())).as(cat).isNotBlank();
    }
  }

  @Test
  void placeholdersAreFilled() {
    var c = new MessageCatalog(new Random(1));
    c.replace(
        Map.of(
            "task_start",
            List.of("Go {task_name} #{task_id} for {user_name} in {project}/{template}")));
    assertThat(
            c.pick(
                "task_start",
                Map.of(
                    "task_name",
                    "Deploy",
                    "task_id",
                    "4",
                    "user_name",
                    "al",
                    "project",
                    "P",
                    "template",
                    "T")))
        .isEqualTo("Go Deploy #4 for al in P/T");
  }

  @Test
  void malformedTemplatesNeverThrow() {
    assertThat(MessageCatalog.fill("Hi {name", Map.of("name", "x"))).isEqualTo("Hi {name");
    assertThat(MessageCatalog.fill("{unknown} {} {{name}}", Map.of("name", "x")))
        .isEqualTo("{unknown} {} {x}");
    assertThat(MessageCatalog.fill("{0} %s }{", Map.of())).isEqualTo("{0} %s }{");
    // Only identifiers are placeholders, whatever the values offer.
    assertThat(MessageCatalog.fill("{user name} {9lives}", Map.of("user name", "x", "9lives", "y")))
        .isEqualTo("{user name} {9lives}");
  }

  @Test
  void randomChoiceIsInjectable() {
    var c = new MessageCatalog(new Random(3));
    c.replace(Map.of("pet", List.of("a", "b", "c")));
    var seen = new HashSet<String>();
    for (int i = 0; i < 50; i++) {
      seen.add(c.pick("pet"));
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void emptyOrMissingCategoriesKeepDefaults() {
    var c = new MessageCatalog(new Random(1));
    c.replace(Map.of("cancel", List.of()));
    assertThat(c.pick("cancel")).isNotBlank();
    assertThat(c.pick("no_such_category")).isEmpty();
  }
}

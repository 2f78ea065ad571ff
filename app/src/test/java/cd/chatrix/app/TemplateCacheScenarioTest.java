package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.TemplateSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The template list is read once and kept: a second run by name asks Semaphore only for the
 * template it runs, and a template created since (Semaphore says nothing about it) is still found,
 * because a name the kept list lacks makes the bot read the list again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateCacheScenarioTest {
  private LiveBot live;

  @BeforeAll
  void startTheBot() {
    live = LiveBot.start(LiveBot.UNTHROTTLED);
  }

  @AfterAll
  void stopTheBot() {
    live.close();
  }

  @Test
  void aSecondRunByNameUsesTheKeptListAndANewTemplateIsStillFound() {
    var sim = live.sandbox().semaphore();
    int project = (int) live.project();
    sim.createTemplate(project, TemplateSpec.ansible("Cache alpha"));
    sim.createTemplate(project, TemplateSpec.ansible("Cache beta"));
    String room = live.newRoom("cache");
    String list = "/api/project/" + project + "/templates";

    assertThat(body(live.ask(room, "!cd run " + project + " \"cache alpha\"")))
        .contains("Cache alpha");
    live.say(room, "no");
    long listsAfterFirst = lists(list);
    long projectListsAfterFirst = lists("/api/projects");
    assertThat(listsAfterFirst).isPositive();
    long byIdBefore = byId(list);

    assertThat(body(live.ask(room, "!cd run " + project + " \"cache beta\"")))
        .contains("Cache beta");
    live.say(room, "no");
    assertThat(lists(list)).isEqualTo(listsAfterFirst);
    // Both lists came from the copy; only the template itself was read, by id.
    assertThat(lists("/api/projects")).isEqualTo(projectListsAfterFirst);
    assertThat(byId(list)).isGreaterThan(byIdBefore);

    sim.createTemplate(project, TemplateSpec.ansible("Cache gamma"));
    assertThat(body(live.ask(room, "!cd run " + project + " \"cache gamma\"")))
        .contains("Cache gamma");
    assertThat(lists(list)).isEqualTo(listsAfterFirst + 1);
  }

  private long byId(String list) {
    return live.sandbox()
        .semaphore()
        .requests()
        .matching(r -> r.method().equals("GET") && r.path().startsWith(list + "/"))
        .size();
  }

  private long lists(String path) {
    return live.sandbox()
        .semaphore()
        .requests()
        .matching(r -> r.method().equals("GET") && r.path().equals(path))
        .size();
  }
}

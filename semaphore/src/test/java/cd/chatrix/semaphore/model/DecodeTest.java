package cd.chatrix.semaphore.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DecodeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void task210WithNullsAndLocalOffsets() {
    Task t =
        Decode.task(
            JSON.readTree(
                """
                {"id":12,"template_id":3,"project_id":1,"status":"running","debug":false,"dry_run":false,
                 "diff":false,"playbook":"","environment":"","limit":"web1, web2","secret":"","arguments":null,
                 "git_branch":null,"user_id":null,"integration_id":null,"schedule_id":null,
                 "created":"2024-10-25T00:43:48.123456789+05:00","start":"2024-10-25T00:43:50Z","end":null,
                 "message":"","commit_hash":null,"commit_message":"","build_task_id":null,"version":null,
                 "inventory_id":null,"tpl_alias":"deploy","user_name":null,"build_task":null}
                """));
    assertThat(t.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(t.limit()).containsExactly("web1", "web2");
    assertThat(t.userId()).isEmpty();
    assertThat(t.end()).isEmpty();
    assertThat(t.created()).hasValue(Instant.parse("2024-10-24T19:43:48.123456789Z"));
    assertThat(t.templateName()).hasValue("deploy");
  }

  @Test
  void task212WithMissingKeysAndParams() {
    Task t =
        Decode.task(
            JSON.readTree(
                """
                {"id":5,"template_id":2,"project_id":1,"status":"waiting_confirmation","created":"2025-01-01T10:00:00Z",
                 "params":{"tags":["web"],"skip_tags":["slow"],"limit":["db1"],"dry_run":true}}
                """));
    assertThat(t.status()).isEqualTo(TaskStatus.WAITING_CONFIRMATION);
    assertThat(t.tags()).containsExactly("web");
    assertThat(t.skipTags()).containsExactly("slow");
    assertThat(t.limit()).containsExactly("db1");
    assertThat(t.dryRun()).isTrue();
    assertThat(t.message()).isEmpty();
    assertThat(t.start()).isEmpty();
  }

  @Test
  void unknownStatusIsKept() {
    Task t = Decode.task(JSON.readTree("{\"id\":1,\"status\":\"Paused\"}"));
    assertThat(t.status()).isEqualTo(new TaskStatus.Other("paused"));
    assertThat(t.status().isTerminal()).isFalse();
  }

  @Test
  void templateOverridesByVersion() {
    Template old =
        Decode.template(
            JSON.readTree(
                "{\"id\":1,\"project_id\":1,\"name\":\"a\",\"allow_override_args_in_task\":true,"
                    + "\"survey_vars\":null,\"vaults\":null,\"vault_key_id\":4,\"last_task\":null}"));
    assertThat(old.overrides().gated()).isFalse();
    assertThat(old.overrides().tags()).isTrue();
    assertThat(old.surveyVars()).isEmpty();
    Template fresh =
        Decode.template(
            JSON.readTree(
                "{\"id\":1,\"project_id\":1,\"name\":\"a\",\"app\":\"ansible\",\"task_params\":"
                    + "{\"allow_override_tags\":true,\"allow_debug\":false,\"tags\":[\"x\"]}}"));
    assertThat(fresh.overrides().gated()).isTrue();
    assertThat(fresh.overrides().tags()).isTrue();
    assertThat(fresh.overrides().skipTags()).isFalse();
    assertThat(fresh.overrides().arguments()).isFalse();
    assertThat(fresh.overrides().defaultTags()).containsExactly("x");
  }

  @Test
  void infoVersionAndGoZeroTime() {
    ServerInfo info =
        Decode.info(
            JSON.readTree("{\"version\":\"2.10.26-beta-d4a2713-1729512345\",\"ansible\":\"\"}"));
    assertThat(info.release()).hasValue(new ServerInfo.Release(2, 10, 26));
    assertThat(info.webHost()).isEmpty();
    assertThat(Decode.info(JSON.readTree("{\"version\":\"undefined-00000000-\"}")).release())
        .isEmpty();
    assertThat(
            Decode.project(JSON.readTree("{\"id\":1,\"created\":\"0001-01-01T00:00:00Z\"}"))
                .created())
        .isEmpty();
  }
}

package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.TaskRequests;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pins the stored format: rows written by an earlier build must still decode. */
class ConfirmationCodecTest {

  private static final String STORED_RUN =
      """
      {"format":1,"command_event_id":"$cmd","prompt_event_id":"$prompt",
       "created_at":"2026-11-22T03:00:00.000000001Z","expires_at":"2026-11-22T03:05:00Z",
       "needs_approval":true,"requester_confirmed":false,"thread_root":"$root",
       "action":{"type":"run","project_id":3,"project_name":"Infra","template_name":"Deploy",
         "request":{"template_id":7,"tags":["web"],"skip_tags":[],"limit":["h1"],
           "arguments":["-v"],"branch":null,"environment":{"A":"1"},"dry_run":true,
           "diff":false,"debug":false,"message":"hi"}}}
      """;

  @Test
  void decodesAStoredRunConfirmation() {
    PendingConfirmation c = ConfirmationCodec.decode("id1", "!r:x", "@u:x", STORED_RUN);

    assertThat(c)
        .isEqualTo(
            new PendingConfirmation(
                "id1",
                "!r:x",
                "@u:x",
                "$cmd",
                "$prompt",
                new PendingAction.Run(
                    3,
                    "Infra",
                    "Deploy",
                    TaskRequests.template(7)
                        .tags("web")
                        .limit("h1")
                        .arguments("-v")
                        .environment(Map.of("A", "1"))
                        .dryRun()
                        .message("hi")
                        .build()),
                Instant.parse("2026-11-22T03:00:00.000000001Z"),
                Instant.parse("2026-11-22T03:05:00Z"),
                true,
                false,
                Optional.of("$root")));
  }

  @Test
  void encodeThenDecodeIsTheIdentityForEveryActionKind() {
    for (PendingAction action :
        List.of(
            new PendingAction.Exit(),
            new PendingAction.Stop(new TaskRef(1, 2), false),
            new PendingAction.Run(1, "P", "T", Samples.fullRequest()))) {
      var c = Samples.confirmation("c", action, 0);
      assertThat(
              ConfirmationCodec.decode("c", c.roomId(), c.requester(), ConfirmationCodec.encode(c)))
          .isEqualTo(c);
    }
  }

  @Test
  void aPayloadThatIsNotJsonIsReportedNotSwallowed() {
    assertThatThrownBy(() -> ConfirmationCodec.decode("c9", "!r:x", "@u:x", "{broken"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("c9");
  }
}

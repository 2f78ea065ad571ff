package cd.chatrix.bot.flow;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.bot.command.AliasTable;
import cd.chatrix.bot.commands.Commands;
import cd.chatrix.bot.fake.FakeEncryption;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.store.PendingForm;
import cd.chatrix.bot.text.MessageCatalog;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the private room's questions leave behind once their form has ended. */
class FormsPrivatelyTest {
  private static final SurveyVar KEY =
      new SurveyVar("api_key", "API key", "", "secret", true, Optional.empty(), List.of());

  private final Harness h = new Harness();
  private final Services services =
      new Services(
          h.settings::get,
          h.chat,
          h.runner,
          h.stores,
          h.clock,
          new MessageCatalog(),
          new AliasTable(h.stores.aliases(), Commands.ALL::knows),
          reason -> {},
          () -> "on",
          h.clock.instant(),
          BotObserver.NONE,
          Optional.of(new FakeEncryption()),
          Commands.ALL);
  private final FormsPrivately privately = new FormsPrivately(services);

  private PendingForm asking() {
    var now = h.clock.instant();
    return new PendingForm(
        "form-1",
        ROOM,
        ALICE,
        "$command",
        "$command",
        1,
        "Infra",
        "Rotate",
        TaskRequest.plain(9),
        List.of(KEY),
        Set.of(),
        Optional.of(KEY.name()),
        Optional.empty(),
        Optional.empty(),
        false,
        now,
        now.plus(Duration.ofMinutes(5)));
  }

  private IncomingMessage in(String room, String body) {
    return new IncomingMessage(
        room,
        "$m" + h.chat.count(),
        ALICE,
        ALICE,
        body,
        h.clock.instant(),
        Optional.empty(),
        Optional.empty(),
        SenderTrust.TRUSTED);
  }

  @Test
  void aFormThatExpiredUnansweredLeavesNothingBehindOnceALateAnswerCannotComeAnyMore() {
    PendingForm form = asking();
    h.stores.forms().save(form);
    assertThat(privately.ask(form, KEY, Reply.create())).isTrue();
    String dm = h.chat.directRooms.get(ALICE);

    // It expires unanswered: the sweep drops the stored form.
    h.clock.advance(Duration.ofMinutes(6));
    h.stores.forms().remove(form.id());
    privately.forget(h.clock.instant());
    assertThat(privately.find(in(dm, "s3cret"), List.of()))
        .as("an answer within the hour after is still taken for a late one")
        .isInstanceOf(FormsPrivately.Found.Late.class);

    h.clock.advance(FormsPrivately.LATE);
    privately.forget(h.clock.instant());

    assertThat(privately.remembered()).isZero();
    assertThat(h.stores.forms().all()).isEmpty();
    assertThat(privately.find(in(dm, "hello"), List.of()))
        .isInstanceOf(FormsPrivately.Found.Nothing.class);
  }
}

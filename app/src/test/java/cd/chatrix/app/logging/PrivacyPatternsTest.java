package cd.chatrix.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivacyPatternsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "message from @alice:example.org in room | message from [USER_ID] in room",
        "invite @bot.ops=1:matrix.example.com:8448 now | invite [USER_ID] now",
        "joined !OGEhHVWSdvArJzumhm:matrix.org ok | joined [ROOM_ID] ok",
        "v12 room !31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM done | v12 room [ROOM_ID] done",
        "alias #ops:example.org set | alias [ROOM_ALIAS] set",
        "peer 192.168.1.20 connected | peer [IP] connected",
        "from 10.0.0.1. | from [IP].",
        "peer 2001:db8::8a2e:370:7334 said hi | peer [IP] said hi",
        "local fe80::1%eth0 up | local [IP] up",
        "bound [::1]:8080 | bound [[IP]]:8080",
        "mapped ::ffff:10.1.2.3 here | mapped [IP] here",
        "polling https://semaphore.internal:3000/api/ping | polling https://[HOST]:3000/api/ping",
        "docker http://semaphore:3000/api | docker http://[HOST]:3000/api",
        "homeserver matrix.example.org is slow | homeserver [HOST] is slow",
        "resolved chat.company.co.uk. | resolved [HOST].",
        "email bob@mail.example.com bounced | email bob@[HOST] bounced",
      })
  void identifiersAreRedacted(String input, String expected) {
    assertThat(PrivacyPatterns.redact(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Starting the bot: loaded 3 plugins from config.json, e.g. aliases and semaphore_poll.",
        "It is 12:30:45 now; version 2.10.1 of Semaphore answered in 1.5 s.",
        "See README.md and run setup.py or deploy.sh; wrote bot.log and store/chatrixcd.db.",
        "Class cd.chatrix.app.store.Store uses org.slf4j.Logger and java.io.File.",
        "Run !cd run 3 now! Exclaim!Done #1 done, mac aa:bb:cc:dd:ee:ff, String::valueOf.",
        "Task 42 finished with status success after 3m12s (exit code 0).",
      })
  void ordinaryTextSurvives(String text) {
    assertThat(PrivacyPatterns.redact(text)).isEqualTo(text);
  }

  @Test
  void redactingTwiceChangesNothing() {
    String once =
        PrivacyPatterns.redact(
            "@a:b.org !r:b.org 1.2.3.4 ::1 https://h.example.com/x host.example.net");
    assertThat(once).doesNotContain("b.org", "1.2.3.4", "example");
    assertThat(PrivacyPatterns.redact(once)).isEqualTo(once);
  }
}

package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.OlmAccount;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bot's machine is killed ({@code kill -9}) at each store write of an encrypted conversation in
 * turn, and a new machine on the same store carries it on, as a standby that takes over does (issue
 * 14, item 4e). What the dead machine sent reached the server; what it received but had not
 * finished with comes again (a sync's to-device events count as received only with the next sync);
 * the step it was in is done again (the event is handled again, the reply taken from the outbox
 * again). Whatever write the kill hits, the person must keep reading the bot and the bot the
 * person, and the one-time keys the server holds must be the ones the bot's store holds.
 */
class KillAtEveryWriteTest {
  private static final String BOT = "@bot:test";
  private static final String OPS = "@ops:test";
  private static final String ROOM = "!secure:test";
  private static final List<String> MEMBERS = List.of(OPS, BOT);
  private static final RoomEncryptionSettings ALL =
      RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES);
  private static final Set<String> WRITES = Set.of("save", "remove", "mark", "reset");

  @TestFactory
  Stream<DynamicTest> aConversationSurvivesAKillAtAnyWriteOfTheBotsStore() {
    World dryRun = new World(0);
    dryRun.converse();
    List<String> writes = dryRun.writes;
    assertThat(writes).as("the conversation writes to the bot's store").hasSizeGreaterThan(10);
    return IntStream.rangeClosed(1, writes.size())
        .mapToObj(n ->
            DynamicTest.dynamicTest(
                "killed at write " + n + " (" + writes.get(n - 1) + ")",
                () -> {
                  World world = new World(n);
                  world.converse();
                  assertThat(world.restarts).as("the bot was killed once").isOne();
                }));
  }

  /** The kill: an Error, so that no {@code catch (RuntimeException)} in the machine absorbs it. */
  private static final class Killed extends Error {
    Killed() {
      super("kill -9", null, false, false);
    }
  }

  /** One conversation between the bot and a person, with the bot killed at write {@code killAt}. */
  private static final class World {
    final MachineFixtures f = new MachineFixtures();
    final CryptoStore stored = new InMemoryCryptoStore();
    final PickleKey pickleKey = PickleKey.random();
    final List<String> writes = new ArrayList<>();
    final int killAt;
    boolean armed;
    boolean dead;
    int restarts;
    OlmMachine bot;
    final OlmMachine ops;

    World(int killAt) {
      this.killAt = killAt;
      this.bot = f.machine(BOT, "BOT", mortal(), pickleKey);
      this.ops = f.machine(OPS, "LAPTOP");
      // The bot follows the members of its encrypted room, as the app's room tracker makes it.
      bot.updateTrackedUsers(MEMBERS);
      f.relay.settle();
      armed = true;
    }

    /** The bot's store as the dying process sees it: dead from write {@code killAt} on. */
    private CryptoStore mortal() {
      return (CryptoStore)
          Proxy.newProxyInstance(
              CryptoStore.class.getClassLoader(),
              new Class<?>[] {CryptoStore.class},
              (proxy, method, args) -> {
                if (dead) {
                  throw new Killed();
                }
                if (armed && WRITES.stream().anyMatch(method.getName()::startsWith)) {
                  writes.add(method.getName());
                  if (writes.size() == killAt) {
                    dead = true;
                    throw new Killed();
                  }
                }
                try {
                  return method.invoke(stored, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    /** Runs one step of the bot; killed in it, the step runs again on a new machine. */
    private <T> T asBot(Supplier<T> work) {
      try {
        return work.get();
      } catch (Killed killed) {
        restarts++;
        bot = f.machine(BOT, "BOT", stored, pickleKey);
        return work.get();
      }
    }

    void converse() {
      for (String ping : List.of("!cd ping", "!cd ping again")) {
        if (!ping.equals("!cd ping")) {
          // A new room key, now over the Olm session the first one opened (a normal message).
          ops.discardRoomKey(ROOM);
        }
        ObjectNode command = personSends(ping);
        asBot(() -> botReads(command, ping));
        ObjectNode reply = asBot(() -> botAnswers("pong to " + ping));
        personReads(reply, "pong to " + ping);
        // What the bot does after answering: top up one-time keys, settle device lists.
        asBot(() -> botTicks(3));
      }
      asBot(() -> botTicks(3));
      int published;
      try (OlmAccount account =
          MachineFixtures.ENGINE.unpickleAccount(stored.accountPickle().orElseThrow(), pickleKey)) {
        published = account.storedOneTimeKeyCount() - account.oneTimeKeys().size();
      }
      assertThat(f.relay.oneTimeKeyCount(bot))
          .as("one-time keys on the server, published in the bot's store and in its memory")
          .isEqualTo(published)
          .isEqualTo(bot.publishedOneTimeKeyCount())
          .isPositive();
      assertThat(f.relay.uploadedOneTimeKeys.get(BOT + "|BOT"))
          .as("no key id uploaded with two different keys")
          .allSatisfy((id, keys) -> assertThat(keys).as(id).hasSize(1));
    }

    private ObjectNode personSends(String body) {
      ObjectNode content = CanonicalJson.object().put("msgtype", "m.text").put("body", body);
      for (int round = 0; round < 10; round++) {
        if (ops.encrypt(ROOM, MEMBERS, ALL, "m.room.message", content)
            instanceof EncryptionResult.Encrypted(ObjectNode encrypted)) {
          return MachineFixtures.event(OPS, ROOM, encrypted);
        }
        f.relay.flush(ops);
        f.relay.sync(ops);
      }
      throw new AssertionError("the person could not encrypt");
    }

    private Void botTicks(int ticks) {
      for (int i = 0; i < ticks; i++) {
        f.relay.sync(bot);
        f.relay.flush(bot);
      }
      return null;
    }

    private Void botReads(ObjectNode command, String body) {
      DecryptionResult result = null;
      for (int round = 0; round < 5; round++) {
        botTicks(1);
        result = bot.decrypt(ROOM, command);
        if (result instanceof DecryptionResult.Decrypted d) {
          assertThat(d.content().path("body").asString()).isEqualTo(body);
          return null;
        }
      }
      throw new AssertionError("the bot cannot read \"" + body + "\": " + result);
    }

    private ObjectNode botAnswers(String body) {
      ObjectNode content = CanonicalJson.object().put("msgtype", "m.text").put("body", body);
      for (int round = 0; round < 10; round++) {
        if (bot.encrypt(ROOM, MEMBERS, ALL, "m.room.message", content)
            instanceof EncryptionResult.Encrypted(ObjectNode encrypted)) {
          return MachineFixtures.event(BOT, ROOM, encrypted);
        }
        botTicks(1);
      }
      throw new AssertionError("the bot could not encrypt \"" + body + "\"");
    }

    private void personReads(ObjectNode reply, String body) {
      DecryptionResult result = null;
      for (int round = 0; round < 5; round++) {
        f.relay.sync(ops);
        f.relay.flush(ops);
        result = ops.decrypt(ROOM, reply);
        if (result instanceof DecryptionResult.Decrypted d) {
          assertThat(d.content().path("body").asString()).isEqualTo(body);
          return;
        }
      }
      throw new AssertionError("the person cannot read \"" + body + "\": " + result);
    }
  }
}

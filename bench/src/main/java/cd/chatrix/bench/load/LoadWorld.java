package cd.chatrix.bench.load;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Everything the bot talks to, inside the bench JVM: the test homeserver with the bot's account,
 * one observer account and {@code rooms × usersPerRoom} people, each room created by its first
 * member with the others, the bot and the observer invited (and everyone but the bot joined); and
 * the Semaphore simulator with one project of a few templates.
 *
 * <p>People's {@link TestUser} clients are closed once set up (each holds its own HTTP client and
 * selector thread); the bench then speaks for them through one shared client with their tokens.
 */
final class LoadWorld implements AutoCloseable {
  static final String BOT_LOCALPART = "chatrixcd";
  private static final int SETUP_PARALLELISM = 16;

  final TestHomeserver homeserver;
  final SemaphoreSimulator semaphore;
  final int projectId;
  final String botUserId;
  final String botPassword;
  final Session observer;
  final List<LoadRoom> rooms;

  /** A room and the people in it (the bot is only invited; it joins by itself). */
  record LoadRoom(String roomId, List<Session> members) {}

  private LoadWorld(
      TestHomeserver homeserver,
      SemaphoreSimulator semaphore,
      int projectId,
      String botUserId,
      String botPassword,
      Session observer,
      List<LoadRoom> rooms) {
    this.homeserver = homeserver;
    this.semaphore = semaphore;
    this.projectId = projectId;
    this.botUserId = botUserId;
    this.botPassword = botPassword;
    this.observer = observer;
    this.rooms = rooms;
  }

  static LoadWorld build(int roomCount, int usersPerRoom) {
    TestHomeserver homeserver = TestHomeserver.start();
    SemaphoreSimulator semaphore = SemaphoreSimulator.start(Shape.V2_12);
    try {
      int project = semaphore.createProject("Load shop");
      semaphore.createTemplate(
          project, TemplateSpec.ansible("Deploy web").withScript(RunScript.success()));
      semaphore.createTemplate(
          project, TemplateSpec.ansible("Patch database").withScript(RunScript.ansibleFailure()));
      semaphore.createTemplate(
          project,
          TemplateSpec.ansible("Plan infrastructure").withScript(RunScript.waitingConfirmation()));

      String botPassword = "load-bot-" + Long.toHexString(System.nanoTime());
      TestUser bot = homeserver.registerUser(BOT_LOCALPART, botPassword);
      String botUserId = bot.userId();
      bot.close();
      TestUser observerUser = homeserver.registerUser("load-observer", "observer-password");
      Session observer = sessionOf(observerUser);

      List<LoadRoom> rooms = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Semaphore permits = new Semaphore(SETUP_PARALLELISM);
        List<Future<LoadRoom>> pending = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
          int room = r;
          pending.add(
              pool.submit(() ->
                  bounded(
                      permits,
                      () -> setUpRoom(homeserver, room, usersPerRoom, botUserId, observerUser))));
        }
        for (Future<LoadRoom> f : pending) {
          rooms.add(f.get());
        }
      }
      observerUser.close();
      return new LoadWorld(homeserver, semaphore, project, botUserId, botPassword, observer, rooms);
    } catch (Exception e) {
      semaphore.close();
      homeserver.close();
      throw new IllegalStateException("could not set up the load world", e);
    }
  }

  /** Registers the room's people, creates the room with invites and joins everyone but the bot. */
  private static LoadRoom setUpRoom(
      TestHomeserver homeserver,
      int room,
      int usersPerRoom,
      String botUserId,
      TestUser observerUser) {
    List<TestUser> people = new ArrayList<>();
    for (int i = 0; i < usersPerRoom; i++) {
      people.add(homeserver.registerUser("load-r" + room + "-u" + i, "password-" + room + "-" + i));
    }
    List<String> invitees = new ArrayList<>();
    people.subList(1, people.size()).forEach(p -> invitees.add(p.userId()));
    invitees.add(botUserId);
    invitees.add(observerUser.userId());
    String roomId =
        people
            .getFirst()
            .createRoom(
                CreateRoomOptions.named("Load room " + room)
                    .withInvitees(invitees.toArray(String[]::new)));
    for (TestUser person : people.subList(1, people.size())) {
      person.join(roomId);
    }
    observerUser.join(roomId);
    List<Session> members = people.stream().map(LoadWorld::sessionOf).toList();
    people.forEach(TestUser::close);
    return new LoadRoom(roomId, members);
  }

  private static Session sessionOf(TestUser user) {
    return new Session(user.userId(), user.accessToken());
  }

  private static <T> T bounded(Semaphore permits, Supplier<T> work) throws InterruptedException {
    permits.acquire();
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }

  int people() {
    return rooms.stream().mapToInt(r -> r.members().size()).sum();
  }

  @Override
  public void close() {
    semaphore.close();
    homeserver.close();
  }
}

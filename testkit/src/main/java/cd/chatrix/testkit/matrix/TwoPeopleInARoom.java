package cd.chatrix.testkit.matrix;

/**
 * The set-up most homeserver tests start from: a fresh {@link TestHomeserver} named {@code
 * localhost}, Alice and Bob registered with the password {@value #PASSWORD}, and a room Alice
 * created, invited Bob to and Bob joined. Closing it stops the homeserver (and so logs both out).
 *
 * <p>Start one per test class in {@code @BeforeAll} where the tests only add to the room (each
 * creating any room it needs from scratch), or per test with try-with-resources where a test needs
 * a server nobody else touched.
 *
 * @param homeserver the server, for more users, faults and the request log
 * @param alice {@code @alice:localhost}, who created {@code room}
 * @param bob {@code @bob:localhost}, invited by Alice and joined
 * @param room the id of the room they are both in
 */
public record TwoPeopleInARoom(TestHomeserver homeserver, TestUser alice, TestUser bob, String room)
    implements AutoCloseable {
  public static final String PASSWORD = "pw";

  /** On a homeserver speaking the suite's dialect (see {@link TestHomeserver#start()}). */
  public static TwoPeopleInARoom start(String roomName) {
    return in(TestHomeserver.start(), roomName);
  }

  /** On a homeserver that behaves as {@code dialect}, for tests that assert one server's shape. */
  public static TwoPeopleInARoom start(String roomName, Dialect dialect) {
    return in(TestHomeserver.start("localhost", dialect), roomName);
  }

  private static TwoPeopleInARoom in(TestHomeserver homeserver, String roomName) {
    try {
      TestUser alice = homeserver.registerUser("alice", PASSWORD);
      TestUser bob = homeserver.registerUser("bob", PASSWORD);
      String room = alice.createRoom(CreateRoomOptions.named(roomName).withInvitees(bob.userId()));
      bob.join(room);
      return new TwoPeopleInARoom(homeserver, alice, bob, room);
    } catch (RuntimeException e) {
      homeserver.close();
      throw e;
    }
  }

  @Override
  public void close() {
    homeserver.close();
  }
}

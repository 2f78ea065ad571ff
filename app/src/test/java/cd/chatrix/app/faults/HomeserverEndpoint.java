package cd.chatrix.app.faults;

import static cd.chatrix.app.boot.demo.RoomEvents.body;

import cd.chatrix.testkit.matrix.Faults;
import java.util.List;

/**
 * The homeserver endpoints the bot calls, each with the fault scope that hits only the bot's calls
 * to it and the exercise that makes the bot call it. Endpoints the bot calls only from a loop
 * (sync) or only after something happened (an invite, an expired token) are exercised through that
 * path.
 */
enum HomeserverEndpoint {
  SYNC("sync", "GET /_matrix/client/v3/sync") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/sync").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return ping(lane);
    }
  },

  SEND("send", "PUT /_matrix/client/v3/rooms/{id}/send") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      // The bot speaks in notices; the person's commands are text and go through.
      return List.of(lane.faults().on("/rooms/*/send/").whereBody("\"m.notice\"").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return ping(lane);
    }
  },

  EDIT("edit", "PUT /_matrix/client/v3/rooms/{id}/send") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/rooms/*/send/").whereBody("m.new_content").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.cancelARun(lane);
    }
  },

  ROOM_MEMBERS("room members", "GET /_matrix/client/v3/rooms/{id}/joined_members") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/rooms/*/joined_members").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      // A room the bot has not looked at yet: "rooms" loads its members once.
      lane.newRoom();
      return new HomeserverExercise.Command(
              lane, lane.room(), "!cd rooms", e -> body(e).contains("Rooms I"))
          .thenAgain();
    }
  },

  JOINED_ROOMS("joined rooms", "GET /_matrix/client/v3/joined_rooms") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/joined_rooms").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return new HomeserverExercise.Command(
          lane, lane.room(), "!cd rooms", e -> body(e).contains("Rooms I"));
    }
  },

  JOIN("join", "POST /_matrix/client/v3/join") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/join/").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.acceptAnInvite(lane);
    }
  },

  LEAVE("leave", "POST /_matrix/client/v3/rooms/{id}/leave", WarmUp.USE_ONCE) {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/rooms/*/leave").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.leaveARoom(lane);
    }
  },

  MEDIA_UPLOAD("media upload", "POST /_matrix/media/v3/upload", WarmUp.USE_ONCE) {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/_matrix/media/v3/upload").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.attachALog(lane);
    }
  },

  REFRESH("token refresh", "POST /_matrix/client/v3/refresh", WarmUp.USE_ONCE) {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/refresh").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.afterTheTokenExpired(lane, false);
    }
  },

  KEYS_QUERY("keys query", "POST /_matrix/client/v3/keys/query", WarmUp.USE_ONCE) {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/keys/query").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.answerOnANewDevice(lane);
    }
  },

  KEYS_CLAIM("keys claim", "POST /_matrix/client/v3/keys/claim") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/keys/claim").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.answerOnANewDevice(lane);
    }
  },

  TO_DEVICE("to-device", "PUT /_matrix/client/v3/sendToDevice") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/sendToDevice/").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.answerOnANewDevice(lane);
    }
  },

  KEYS_UPLOAD("keys upload", "POST /_matrix/client/v3/keys/upload") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      // The person's own devices upload keys too; the bot's uploads carry its user id.
      return List.of(lane.faults().on("/keys/upload").whereBody(lane.botUserId()).fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.refillOneTimeKeys(lane);
    }
  },

  LOGIN("login (again)", "POST /_matrix/client/v3/login") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/login").fail(kind));
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.afterTheTokenExpired(lane, true);
    }
  };

  /** Whether the bot must use an endpoint once before its cells (see {@link #warmUp}). */
  enum WarmUp {
    NOT_NEEDED,
    USE_ONCE
  }

  private final String label;
  private final String outageName;
  private final WarmUp warmUp;

  HomeserverEndpoint(String label, String outageName) {
    this(label, outageName, WarmUp.NOT_NEEDED);
  }

  HomeserverEndpoint(String label, String outageName, WarmUp warmUp) {
    this.label = label;
    this.outageName = outageName;
    this.warmUp = warmUp;
  }

  /** How the report names the endpoint. */
  String label() {
    return label;
  }

  /** How the bot's outage log names the endpoint ("METHOD /path/{id}/..."). */
  String outageName() {
    return outageName;
  }

  /** Turns the fault on for the bot's calls to this endpoint. */
  abstract List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind);

  /** Sets up a cell (outside the fault) and returns what it does during and after the fault. */
  abstract HomeserverExercise prepare(HomeserverLane lane);

  /**
   * Makes the bot use the endpoint once before any fault, as a bot that has run for a while has: an
   * endpoint that worked and now is "unrecognized" is an outage, one that never worked is not.
   * Endpoints the lane's own start-up already used need nothing.
   */
  void warmUp(HomeserverLane lane) {
    if (warmUp == WarmUp.USE_ONCE) {
      HomeserverExercise once = prepare(lane);
      once.during();
      once.finish(HomeserverLane.ANSWER);
    }
  }

  private static HomeserverExercise ping(HomeserverLane lane) {
    return new HomeserverExercise.Command(lane, lane.room(), "!cd ping", e -> true);
  }
}

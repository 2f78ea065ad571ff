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

  LEAVE("leave", "POST /_matrix/client/v3/rooms/{id}/leave") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/rooms/*/leave").fail(kind));
    }

    @Override
    void warmUp(HomeserverLane lane) {
      HomeserverExercise leave = prepare(lane);
      leave.during();
      leave.finish(HomeserverLane.ANSWER);
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.leaveARoom(lane);
    }
  },

  MEDIA_UPLOAD("media upload", "POST /_matrix/media/v3/upload") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/_matrix/media/v3/upload").fail(kind));
    }

    @Override
    void warmUp(HomeserverLane lane) {
      HomeserverExercise attach = prepare(lane);
      attach.during();
      attach.finish(HomeserverLane.ANSWER);
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.attachALog(lane);
    }
  },

  REFRESH("token refresh", "POST /_matrix/client/v3/refresh") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/refresh").fail(kind));
    }

    @Override
    void warmUp(HomeserverLane lane) {
      HomeserverExercise renew = prepare(lane);
      renew.during();
      renew.finish(HomeserverLane.ANSWER);
    }

    @Override
    HomeserverExercise prepare(HomeserverLane lane) {
      return HomeserverExercises.afterTheTokenExpired(lane, false);
    }
  },

  KEYS_QUERY("keys query", "POST /_matrix/client/v3/keys/query") {
    @Override
    List<Faults.Outage> inject(HomeserverLane lane, Faults.Kind kind) {
      return List.of(lane.faults().on("/keys/query").fail(kind));
    }

    @Override
    void warmUp(HomeserverLane lane) {
      HomeserverExercise answer = prepare(lane);
      answer.during();
      answer.finish(HomeserverLane.ANSWER);
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

    @Override
    java.util.Optional<String> triggerWarning() {
      return java.util.Optional.of("ended; logging in again");
    }
  };

  private final String label;
  private final String outageName;

  HomeserverEndpoint(String label, String outageName) {
    this.label = label;
    this.outageName = outageName;
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
   */
  void warmUp(HomeserverLane lane) {}

  /**
   * A warning the exercise itself causes, once per cell (the session ending is news to an operator,
   * separate from the login outage that follows).
   */
  java.util.Optional<String> triggerWarning() {
    return java.util.Optional.empty();
  }

  private static HomeserverExercise ping(HomeserverLane lane) {
    return new HomeserverExercise.Command(lane, lane.room(), "!cd ping", e -> true);
  }
}

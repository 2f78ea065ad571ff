package cd.chatrix.testkit.matrix;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** /sync with since tokens and long-polling, and the filter endpoints it reads. */
final class SyncEndpoints {
  private static final long MAX_TIMEOUT_MS = Duration.ofMinutes(2).toMillis();

  private final ServerState state;
  private final SyncBuilder builder;

  SyncEndpoints(ServerState state) {
    this.state = state;
    this.builder = new SyncBuilder(state);
  }

  void register(Router router) {
    router.addUnlocked("GET", "client/sync", Router.Auth.REQUIRED, this::sync);
    router.post("client/user/{userId}/filter", this::createFilter);
    router.get("client/user/{userId}/filter/{filterId}", this::getFilter);
    router.get("client/keys/changes", this::keyChanges);
  }

  private Reply sync(Call call) {
    Session session = call.session();
    Optional<String> sinceToken = call.query("since");
    long since = sinceToken.map(SyncBuilder::parseToken).orElse(0L);
    boolean initial = sinceToken.isEmpty();
    boolean fullState = call.query("full_state").map(Boolean::parseBoolean).orElse(false);
    long timeoutMs = Math.min(MAX_TIMEOUT_MS, Math.max(0, call.queryInt("timeout", 0)));
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    return state.locked(() -> {
      SyncFilter filter = SyncFilter.parse(state, session.userId(), call.query("filter"));
      while (state.syncPause.paused()) {
        if (!state.awaitChange(deadline)) {
          return Reply.json(idle(sinceToken.orElse(SyncBuilder.token(0))));
        }
      }
      while (true) {
        SyncBuilder.Result result = builder.build(session, since, initial, filter, fullState);
        if (initial || fullState || result.hasNews() || !state.awaitChange(deadline)) {
          return Reply.json(result.body());
        }
        if (state.syncPause.paused()) {
          return Reply.json(idle(sinceToken.orElseThrow()));
        }
      }
    });
  }

  /** An answer carrying nothing new, used while sync is paused. */
  private static ObjectNode idle(String nextBatch) {
    ObjectNode body = Json.object();
    body.put("next_batch", nextBatch);
    body.putObject("rooms").putObject("join");
    return body;
  }

  private Reply createFilter(Call call) {
    ownUser(call);
    state.dialect.filters().check(call.json());
    String id = state.filters.put(call.userId(), call.json());
    return Reply.json(Json.object().put("filter_id", id));
  }

  private Reply getFilter(Call call) {
    ownUser(call);
    JsonNode filter =
        state
            .filters
            .get(call.userId(), call.param("filterId"))
            .orElseThrow(() -> MatrixError.notFound("No such filter."));
    return Reply.json(filter);
  }

  private static void ownUser(Call call) {
    if (!call.param("userId").equals(call.userId())) {
      throw MatrixError.forbidden("You can only manage your own filters.");
    }
  }

  private Reply keyChanges(Call call) {
    long from =
        SyncBuilder.parseToken(
            call.query("from").orElseThrow(() -> MatrixError.missingParam("from")));
    SyncBuilder.DeviceListDelta delta = builder.deviceListDelta(call.userId(), from);
    ObjectNode out = Json.object();
    var changed = out.putArray("changed");
    delta.changed().forEach(changed::add);
    var left = out.putArray("left");
    delta.left().forEach(left::add);
    return Reply.json(out);
  }
}

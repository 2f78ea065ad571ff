package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.store.RoomSettings;
import cd.chatrix.bot.store.RoomSettingsStore;
import cd.chatrix.bot.store.Subscription;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link RoomSettingsStore} must do; run against the in-memory and the SQL one. */
abstract class RoomSettingsStoreContract {

  abstract RoomSettingsStore store();

  static RoomSettings full(String room) {
    return new RoomSettings(
        room,
        true,
        List.of(
            new Subscription(1, Optional.empty(), false),
            new Subscription(2, Optional.of(7L), true)));
  }

  @Test
  void unknownRoomGetsTheDefaultsAndIsNotListed() {
    assertThat(store().get("!new:x")).isEqualTo(RoomSettings.defaults("!new:x"));
    assertThat(store().all()).isEmpty();
  }

  @Test
  void roundTripsStreamingAndSubscriptionsInOrder() {
    store().put(full("!a:x"));

    assertThat(store().get("!a:x")).isEqualTo(full("!a:x"));
  }

  @Test
  void putReplacesEverythingOfTheRoom() {
    store().put(full("!a:x"));
    var changed = full("!a:x").withLogStreaming(false).withoutSubscription(1, null);
    store().put(changed);

    assertThat(store().get("!a:x")).isEqualTo(changed);
    assertThat(store().get("!a:x").subscriptions())
        .containsExactly(new Subscription(2, Optional.of(7L), true));
  }

  @Test
  void allListsEveryRoomThatWasPutEvenWithDefaults() {
    store().put(full("!a:x"));
    store().put(RoomSettings.defaults("!b:x"));

    assertThat(store().all())
        .containsExactlyInAnyOrder(full("!a:x"), RoomSettings.defaults("!b:x"));
  }
}

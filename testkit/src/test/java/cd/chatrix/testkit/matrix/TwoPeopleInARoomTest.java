package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TwoPeopleInARoomTest {

  @Test
  void aliceAndBobAreBothJoinedToTheNamedRoom() {
    try (TwoPeopleInARoom chat = TwoPeopleInARoom.start("ops", Dialect.SYNAPSE_1_67)) {
      assertThat(chat.homeserver().dialect()).isEqualTo(Dialect.SYNAPSE_1_67);
      assertThat(chat.alice().userId()).isEqualTo("@alice:localhost");
      assertThat(chat.bob().userId()).isEqualTo("@bob:localhost");
      String path = "/_matrix/client/v3/rooms/" + TestUser.enc(chat.room());
      JsonNode members = chat.bob().call("GET", path + "/joined_members", null);
      assertThat(members.path("joined").propertyNames())
          .containsExactlyInAnyOrder("@alice:localhost", "@bob:localhost");
      JsonNode name = chat.alice().call("GET", path + "/state/m.room.name", null);
      assertThat(name.path("name").asString()).isEqualTo("ops");
      chat.homeserver().loginUser("bob", TwoPeopleInARoom.PASSWORD).close();
    }
  }

  @Test
  void closingStopsTheHomeserver() {
    TwoPeopleInARoom chat = TwoPeopleInARoom.start("gone");
    URI base = chat.homeserver().baseUri();
    chat.close();
    try (RawHttp http = new RawHttp(base)) {
      assertThatThrownBy(() -> http.get("/_matrix/client/versions", ""))
          .isInstanceOf(IOException.class);
    }
  }
}

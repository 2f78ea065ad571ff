package cd.chatrix.matrix.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointNameTest {
  @Test
  void idsTxnIdsAndQueriesAreLeftOut() {
    String room = MatrixRequest.segment("!abc:example.org");
    assertThat(
            EndpointName.of(
                MatrixRequest.putJson(
                    "/_matrix/client/v3/rooms/" + room + "/send/m.room.message/ccd17.3", Map.of())))
        .isEqualTo("PUT /_matrix/client/v3/rooms/{id}/send");
    assertThat(
            EndpointName.of(
                MatrixRequest.get("/_matrix/client/v3/sync?since=s1&access_token=secret")))
        .isEqualTo("GET /_matrix/client/v3/sync");
    assertThat(
            EndpointName.of(
                MatrixRequest.get(
                    "/_matrix/client/v3/user/" + MatrixRequest.segment("@bot:x") + "/filter")))
        .isEqualTo("GET /_matrix/client/v3/user/{id}/filter");
    assertThat(
            EndpointName.of(
                MatrixRequest.putJson(
                    "/_matrix/client/v3/sendToDevice/m.room.encrypted/txn1", Map.of())))
        .isEqualTo("PUT /_matrix/client/v3/sendToDevice");
    assertThat(EndpointName.of(MatrixRequest.get("https://idp.example/.well-known/x?a=b")))
        .isEqualTo("GET /.well-known/x");
  }
}

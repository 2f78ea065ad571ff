package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.store.InMemoryCryptoStore;
import org.junit.jupiter.api.Test;

class RequestQueueTest {

  @Test
  void toDeviceRequestsSurviveARestartAndOthersDoNot() {
    var store = new InMemoryCryptoStore();
    var queue = new RequestQueue(store);
    var messages = CanonicalJson.object();
    messages.putObject("@u:x").putObject("DEV").put("k", "v");
    var toDevice = queue.toDevice("m.room.encrypted", messages);
    queue.add(new OutgoingRequest.KeysQuery("q1", CanonicalJson.object()));

    var restored = new RequestQueue(store);
    assertThat(restored.all()).singleElement().isEqualTo(toDevice);
    assertThat(toDevice.txnId()).isEqualTo(toDevice.id());
    assertThat(toDevice.path())
        .isEqualTo("/_matrix/client/v3/sendToDevice/m.room.encrypted/" + toDevice.id());

    restored.remove(toDevice.id());
    assertThat(new RequestQueue(store).all()).isEmpty();
  }
}

package cd.chatrix.bench.jmh;

import cd.chatrix.crypto.CanonicalJson;
import cd.chatrix.crypto.EncryptionResult;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.RoomEncryptionSettings;
import cd.chatrix.crypto.TrustPolicy;
import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.engine.OutboundGroupSession;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * Megolm through the crypto module's public API, with the same 240-byte {@code m.room.message}
 * payload as docs/bench/crypto.md: the engine's group sessions (vodozemac over JNI), and a room
 * message through the whole {@link OlmMachine} (unpickle, encrypt, pickle, seal and save the
 * session before the ciphertext is returned).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
public class MegolmBench {
  private static final String PAYLOAD =
      "{\"type\":\"m.room.message\",\"content\":{\"msgtype\":\"m.text\",\"body\":\""
          + "x".repeat(200)
          + "\"}}";

  /** Ciphertexts decrypted round-robin; a power of two so the index is a mask. */
  private static final int BATCH = 4096;

  private final CryptoEngine engine = new VodozemacEngine();
  private OutboundGroupSession outbound;
  private InboundGroupSession inbound;
  private final String[] ciphertexts = new String[BATCH];
  private int next;
  private OlmMachine machine;
  private JsonNode content;
  private final RoomEncryptionSettings settings =
      new RoomEncryptionSettings(Long.MAX_VALUE / 2, Integer.MAX_VALUE, TrustPolicy.ALL_DEVICES);

  @Setup
  public void setUp() {
    outbound = engine.newOutboundGroupSession();
    inbound = engine.newInboundGroupSession(outbound.sessionKey());
    for (int i = 0; i < BATCH; i++) {
      ciphertexts[i] = outbound.encrypt(PAYLOAD);
    }
    machine =
        new OlmMachine(
            "@bench:test", "BENCH", engine, new InMemoryCryptoStore(), PickleKey.random());
    // Our own device list, answered as a server would (no other devices), so encrypt is ready.
    for (var request : machine.outgoingRequests()) {
      machine.markRequestAsSent(
          request.id(), CanonicalJson.parse("{\"device_keys\":{},\"one_time_key_counts\":{}}"));
    }
    content = CanonicalJson.parse("{\"msgtype\":\"m.text\",\"body\":\"" + "x".repeat(200) + "\"}");
  }

  @TearDown
  public void tearDown() {
    machine.close();
    inbound.close();
    outbound.close();
  }

  @Benchmark
  public String engineEncrypt() {
    return outbound.encrypt(PAYLOAD);
  }

  @Benchmark
  public String engineDecrypt() {
    var message = inbound.decrypt(ciphertexts[next++ & (BATCH - 1)]);
    if (!PAYLOAD.equals(message.plaintext())) {
      throw new IllegalStateException("decrypted text differs at index " + message.messageIndex());
    }
    return message.plaintext();
  }

  @Benchmark
  public EncryptionResult machineEncrypt() {
    var result =
        machine.encrypt("!bench:test", List.of("@bench:test"), settings, "m.room.message", content);
    if (!(result instanceof EncryptionResult.Encrypted)) {
      throw new IllegalStateException("machine not ready: " + result);
    }
    return result;
  }
}

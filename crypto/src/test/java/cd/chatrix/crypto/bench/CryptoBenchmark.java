package cd.chatrix.crypto.bench;

import cd.chatrix.crypto.CanonicalJson;
import cd.chatrix.crypto.EncryptionResult;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.RoomEncryptionSettings;
import cd.chatrix.crypto.TrustPolicy;
import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.OlmAccount;
import cd.chatrix.crypto.engine.OlmMessage;
import cd.chatrix.crypto.engine.OlmSession;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.interop.LibOlmOracle;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Megolm encrypt/decrypt and Olm session set-ups per second, vodozemac (ours, through the adapter)
 * next to libolm (python3-olm) in the same run, same payload, same time budget per round. Prints
 * the median of several rounds as a Markdown table.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp <test classpath>
 * cd.chatrix.crypto.bench.CryptoBenchmark [seconds-per-round] [rounds]}
 */
public final class CryptoBenchmark {
  private static final CryptoEngine ENGINE = new VodozemacEngine();
  private static final String PAYLOAD =
      "{\"type\":\"m.room.message\",\"content\":{\"msgtype\":\"m.text\",\"body\":\""
          + "x".repeat(200)
          + "\"}}";

  private CryptoBenchmark() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Map<String, List<Double>> ours = new LinkedHashMap<>();
    Map<String, List<Double>> theirs = new LinkedHashMap<>();
    // Warm-up round for the JIT and the native library, not recorded.
    megolm(seconds / 2);
    olmSetups(seconds / 2);
    try (LibOlmOracle libolm = LibOlmOracle.start()) {
      for (int i = 0; i < rounds; i++) {
        double[] m = megolm(seconds);
        add(ours, "megolm_encrypt_per_s", m[0]);
        add(ours, "megolm_decrypt_per_s", m[1]);
        add(ours, "olm_setups_per_s", olmSetups(seconds));
        add(ours, "machine_encrypt_per_s", machineEncrypt(seconds));
        JsonNode py = libolm.call(libolm.request("bench").put("seconds", seconds));
        py.properties().forEach(e -> add(theirs, e.getKey(), e.getValue().asDouble()));
      }
    }
    System.out.println(
        "| operation | vodozemac 0.9 via adapter (ours) | libolm 3.2.13 via python3-olm |");
    System.out.println("|---|---:|---:|");
    for (String op : ours.keySet()) {
      String other =
          theirs.containsKey(op) ? String.format("%,.0f", median(theirs.get(op))) : "n/a";
      System.out.printf("| %s | %,.0f | %s |%n", op, median(ours.get(op)), other);
    }
    System.out.println(
        "rounds="
            + rounds
            + " seconds/round="
            + seconds
            + " cores="
            + Runtime.getRuntime().availableProcessors()
            + " java="
            + System.getProperty("java.version"));
  }

  private static void add(Map<String, List<Double>> m, String key, double value) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Encrypt for the time budget, then decrypt everything that was encrypted. */
  private static double[] megolm(double seconds) {
    try (var out = ENGINE.newOutboundGroupSession();
        var in = ENGINE.newInboundGroupSession(out.sessionKey())) {
      List<String> ciphertexts = new ArrayList<>();
      long budget = (long) (seconds * 1e9);
      long start = System.nanoTime();
      while (System.nanoTime() - start < budget) {
        ciphertexts.add(out.encrypt(PAYLOAD));
      }
      double enc = ciphertexts.size() / ((System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      for (String c : ciphertexts) {
        in.decrypt(c);
      }
      double dec = ciphertexts.size() / ((System.nanoTime() - start) / 1e9);
      return new double[] {enc, dec};
    }
  }

  /** One set-up = claim-style outbound session, pre-key message, inbound session, decrypt. */
  private static double olmSetups(double seconds) {
    try (OlmAccount alice = ENGINE.newAccount();
        OlmAccount bob = ENGINE.newAccount()) {
      long budget = (long) (seconds * 1e9);
      long start = System.nanoTime();
      int n = 0;
      while (System.nanoTime() - start < budget) {
        bob.generateOneTimeKeys(1);
        String otk = bob.oneTimeKeys().values().iterator().next();
        bob.markKeysAsPublished();
        try (OlmSession out = alice.createOutboundSession(bob.curve25519Key(), otk)) {
          OlmMessage m = out.encrypt("hello");
          bob.createInboundSession(alice.curve25519Key(), m.body()).session().close();
        }
        n++;
      }
      return n / ((System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * Room messages through the whole machine, including the store round trip (unpickle, encrypt,
   * seal and save the advanced session) that makes every index durable before it is used.
   */
  private static double machineEncrypt(double seconds) {
    var settings =
        new RoomEncryptionSettings(Long.MAX_VALUE / 2, Integer.MAX_VALUE, TrustPolicy.ALL_DEVICES);
    try (OlmMachine m =
        new OlmMachine(
            "@bench:test", "BENCH", ENGINE, new InMemoryCryptoStore(), PickleKey.random())) {
      // Our own device list, answered as a server would (no other devices), so encrypt is ready.
      for (var r : m.outgoingRequests()) {
        m.markRequestAsSent(
            r.id(), CanonicalJson.parse("{\"device_keys\":{},\"one_time_key_counts\":{}}"));
      }
      JsonNode content =
          CanonicalJson.parse("{\"msgtype\":\"m.text\",\"body\":\"" + "x".repeat(200) + "\"}");
      long budget = (long) (seconds * 1e9);
      long start = System.nanoTime();
      int n = 0;
      while (System.nanoTime() - start < budget) {
        var r =
            m.encrypt("!bench:test", List.of("@bench:test"), settings, "m.room.message", content);
        if (!(r instanceof EncryptionResult.Encrypted)) {
          throw new IllegalStateException("machine not ready: " + r);
        }
        n++;
      }
      return n / ((System.nanoTime() - start) / 1e9);
    }
  }
}

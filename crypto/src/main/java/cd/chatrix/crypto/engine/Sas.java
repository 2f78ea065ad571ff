package cd.chatrix.crypto.engine;

import java.util.List;

/** Short authentication string key agreement ({@code m.sas.v1}). */
public interface Sas extends AutoCloseable {

  String publicKey();

  /** Completes the key agreement with the other side's ephemeral public key. */
  Established establish(String theirPublicKey);

  @Override
  void close();

  /** The agreed secret, able to produce the short strings and MACs. */
  interface Established extends AutoCloseable {
    /** Seven emoji indices (0..63) for the given info string. */
    List<Integer> emojiIndices(String info);

    /** Three numbers (1000..9191) for the given info string. */
    List<Integer> decimals(String info);

    String calculateMac(String input, String info);

    /**
     * The MAC of the original {@code hkdf-hmac-sha256} method, whose base64 encoding was wrong;
     * only for peers that do not offer {@code hkdf-hmac-sha256.v2}.
     */
    String calculateMacLegacy(String input, String info);

    boolean verifyMac(String input, String info, String mac);

    @Override
    void close();
  }
}

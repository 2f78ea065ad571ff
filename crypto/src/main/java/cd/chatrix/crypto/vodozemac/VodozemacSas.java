package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.Sas;
import de.connect2x.trixnity.vodozemac.Curve25519PublicKey;
import de.connect2x.trixnity.vodozemac.sas.EstablishedSas;
import de.connect2x.trixnity.vodozemac.sas.Mac;
import java.util.List;

final class VodozemacSas implements Sas {
  private final de.connect2x.trixnity.vodozemac.sas.Sas sas =
      new de.connect2x.trixnity.vodozemac.sas.Sas();

  @Override
  public String publicKey() {
    return sas.getPublicKey().getBase64();
  }

  @Override
  public Established establish(String theirPublicKey) {
    return Native.call(
        "SAS key agreement",
        () ->
            new EstablishedImpl(
                sas.diffieHellman(Curve25519PublicKey.Companion.invoke(theirPublicKey))));
  }

  @Override
  public void close() {
    sas.close();
  }

  private record EstablishedImpl(EstablishedSas sas) implements Established {
    @Override
    public List<Integer> emojiIndices(String info) {
      try (var bytes = sas.generateBytes(info)) {
        return List.copyOf(bytes.getEmojiIndices().getAsList());
      }
    }

    @Override
    public List<Integer> decimals(String info) {
      try (var bytes = sas.generateBytes(info)) {
        return List.copyOf(bytes.getDecimals().getAsList());
      }
    }

    @Override
    public String calculateMac(String input, String info) {
      try (var mac = sas.calculateMac(input, info)) {
        return mac.getBase64();
      }
    }

    @Override
    public String calculateMacLegacy(String input, String info) {
      return sas.calculateMacInvalidBase64(input, info);
    }

    @Override
    public boolean verifyMac(String input, String info, String mac) {
      try (var parsed = Mac.Companion.invoke(mac)) {
        sas.verifyMac(input, info, parsed);
        return true;
      } catch (Exception e) {
        return false;
      }
    }

    @Override
    public void close() {
      sas.close();
    }

    @Override
    public String toString() {
      return "EstablishedSas[redacted]";
    }
  }
}

package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.OlmAccount;
import cd.chatrix.crypto.engine.OlmSession;
import cd.chatrix.crypto.engine.PickleKey;
import de.connect2x.trixnity.vodozemac.Curve25519PublicKey;
import de.connect2x.trixnity.vodozemac.olm.Account;
import de.connect2x.trixnity.vodozemac.olm.OlmMessage;
import de.connect2x.trixnity.vodozemac.olm.OlmSessionConfig;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

final class VodozemacAccount implements OlmAccount {
  private final Account account;

  VodozemacAccount(Account account) {
    this.account = account;
  }

  @Override
  public String curve25519Key() {
    return account.getCurve25519Key().getBase64();
  }

  @Override
  public String ed25519Key() {
    return account.getEd25519Key().getBase64();
  }

  @Override
  public String sign(String message) {
    return Native.call("Signing", () -> account.sign(message).getBase64());
  }

  @Override
  public int maxOneTimeKeys() {
    return account.getMaxNumberOfOneTimeKeys();
  }

  @Override
  public void generateOneTimeKeys(int count) {
    Native.run("Generating one-time keys", () -> account.generateOneTimeKeys(count));
  }

  @Override
  public Map<String, String> oneTimeKeys() {
    Map<String, String> out = new LinkedHashMap<>();
    account.getOneTimeKeys().forEach((id, key) -> out.put(id, key.getBase64()));
    return out;
  }

  @Override
  public int storedOneTimeKeyCount() {
    return account.getStoredOneTimeKeyCount();
  }

  @Override
  public void generateFallbackKey() {
    Native.run("Generating a fallback key", account::generateFallbackKey);
  }

  @Override
  public Optional<Map.Entry<String, String>> unpublishedFallbackKey() {
    kotlin.Pair<String, Curve25519PublicKey> pair = account.getFallbackKey();
    if (pair == null) {
      return Optional.empty();
    }
    return Optional.of(
        new AbstractMap.SimpleImmutableEntry<>(pair.getFirst(), pair.getSecond().getBase64()));
  }

  @Override
  public void markKeysAsPublished() {
    account.markKeysAsPublished();
  }

  @Override
  public OlmSession createOutboundSession(String theirIdentityKey, String theirOneTimeKey) {
    return Native.call(
        "Creating an outbound Olm session",
        () ->
            new VodozemacOlmSession(
                account.createOutboundSession(
                    Curve25519PublicKey.Companion.invoke(theirIdentityKey),
                    Curve25519PublicKey.Companion.invoke(theirOneTimeKey),
                    OlmSessionConfig.Companion.v1())));
  }

  @Override
  public InboundSessionResult createInboundSession(String theirIdentityKey, String body) {
    return Native.call(
        "Creating an inbound Olm session",
        () -> {
          var result =
              account.createInboundSession(
                  OlmMessage.PreKey.Text.Companion.invoke(body),
                  Curve25519PublicKey.Companion.invoke(theirIdentityKey));
          return new InboundSessionResult(
              new VodozemacOlmSession(result.getSession()), result.getPlaintext().getValue());
        });
  }

  @Override
  public String pickle(PickleKey key) {
    return Pickles.pickle(account, key);
  }

  @Override
  public void close() {
    account.close();
  }
}

package cd.chatrix.crypto.store;

/**
 * An outgoing request that must survive a restart (to-device messages carry Olm ratchet state and
 * cannot simply be rebuilt).
 */
public record StoredRequest(String id, String json) {
  @Override
  public String toString() {
    return "StoredRequest[" + id + "]";
  }
}

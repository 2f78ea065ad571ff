package cd.chatrix.crypto.store;

class InMemoryCryptoStoreTest extends CryptoStoreContract {
  @Override
  protected CryptoStore newStore() {
    return new InMemoryCryptoStore();
  }
}

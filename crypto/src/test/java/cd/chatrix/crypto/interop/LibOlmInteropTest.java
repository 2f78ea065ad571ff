package cd.chatrix.crypto.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.OlmAccount;
import cd.chatrix.crypto.engine.OlmMessage;
import cd.chatrix.crypto.engine.OlmSession;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Olm and Megolm in both directions between vodozemac (ours) and libolm 3.2 (python3-olm). */
class LibOlmInteropTest {
  private static LibOlmOracle libolm;
  private final CryptoEngine engine = new VodozemacEngine();

  @BeforeAll
  static void startOracle() {
    libolm = LibOlmOracle.start();
  }

  @AfterAll
  static void stopOracle() {
    libolm.close();
  }

  @Test
  void weStartAnOlmSessionAndLibolmAnswersOnIt() {
    JsonNode them = libolm.call(libolm.request("identity").put("otks", 1));
    String theirCurve = them.get("curve25519").asString();
    String theirOtk =
        them.get("one_time_keys").properties().iterator().next().getValue().asString();
    try (OlmAccount us = engine.newAccount();
        OlmSession session = us.createOutboundSession(theirCurve, theirOtk)) {
      OlmMessage preKey = session.encrypt("hello libolm");
      assertThat(preKey.type()).isEqualTo(OlmMessage.PRE_KEY);
      JsonNode inbound =
          libolm.call(
              libolm
                  .request("olm_inbound")
                  .put("identity_key", us.curve25519Key())
                  .put("body", preKey.body()));
      assertThat(inbound.get("plaintext").asString()).isEqualTo("hello libolm");
      assertThat(inbound.get("session_id").asString()).isEqualTo(session.sessionId());
      String sid = inbound.get("session_id").asString();

      JsonNode reply =
          libolm.call(
              libolm.request("olm_encrypt").put("session_id", sid).put("plaintext", "pong"));
      assertThat(reply.get("type").asInt()).isEqualTo(OlmMessage.NORMAL);
      assertThat(session.decrypt(new OlmMessage(1, reply.get("body").asString())))
          .isEqualTo("pong");

      // Normal messages now flow from us too.
      OlmMessage normal = session.encrypt("second");
      assertThat(normal.type()).isEqualTo(OlmMessage.NORMAL);
      JsonNode decrypted =
          libolm.call(
              libolm
                  .request("olm_decrypt")
                  .put("session_id", sid)
                  .put("type", normal.type())
                  .put("body", normal.body()));
      assertThat(decrypted.get("plaintext").asString()).isEqualTo("second");
    }
  }

  @Test
  void libolmStartsAnOlmSessionAndWeAnswerOnIt() {
    JsonNode them = libolm.call(libolm.request("identity").put("otks", 0));
    try (OlmAccount us = engine.newAccount()) {
      us.generateOneTimeKeys(1);
      String otk = us.oneTimeKeys().values().iterator().next();
      us.markKeysAsPublished();
      String sid =
          libolm
              .call(
                  libolm
                      .request("olm_outbound")
                      .put("identity_key", us.curve25519Key())
                      .put("one_time_key", otk))
              .get("session_id")
              .asString();
      JsonNode first =
          libolm.call(libolm.request("olm_encrypt").put("session_id", sid).put("plaintext", "hi"));
      assertThat(first.get("type").asInt()).isZero();
      var created =
          us.createInboundSession(them.get("curve25519").asString(), first.get("body").asString());
      try (OlmSession session = created.session()) {
        assertThat(created.plaintext()).isEqualTo("hi");
        assertThat(session.sessionId()).isEqualTo(sid);
        OlmMessage answer = session.encrypt("hello back");
        assertThat(answer.type()).isEqualTo(OlmMessage.NORMAL);
        JsonNode got =
            libolm.call(
                libolm
                    .request("olm_decrypt")
                    .put("session_id", sid)
                    .put("type", answer.type())
                    .put("body", answer.body()));
        assertThat(got.get("plaintext").asString()).isEqualTo("hello back");
        JsonNode second =
            libolm.call(libolm.request("olm_encrypt").put("session_id", sid).put("plaintext", "n"));
        assertThat(second.get("type").asInt()).isEqualTo(OlmMessage.NORMAL);
        assertThat(session.decrypt(new OlmMessage(1, second.get("body").asString())))
            .isEqualTo("n");
      }
    }
  }

  @Test
  void ourMegolmDecryptsInLibolm() {
    try (var out = engine.newOutboundGroupSession()) {
      String sessionKey = out.sessionKey();
      String c0 = out.encrypt("{\"body\":\"zero\"}");
      String c1 = out.encrypt("{\"body\":\"one\"}");
      String sid =
          libolm
              .call(libolm.request("group_inbound").put("session_key", sessionKey))
              .get("session_id")
              .asString();
      assertThat(sid).isEqualTo(out.sessionId());
      JsonNode d1 =
          libolm.call(libolm.request("group_decrypt").put("session_id", sid).put("ciphertext", c1));
      assertThat(d1.get("plaintext").asString()).isEqualTo("{\"body\":\"one\"}");
      assertThat(d1.get("message_index").asInt()).isEqualTo(1);
      JsonNode d0 =
          libolm.call(libolm.request("group_decrypt").put("session_id", sid).put("ciphertext", c0));
      assertThat(d0.get("message_index").asInt()).isZero();
    }
  }

  @Test
  void libolmMegolmDecryptsHere() {
    JsonNode group = libolm.call(libolm.request("group_outbound"));
    String sid = group.get("session_id").asString();
    String c0 =
        libolm
            .call(libolm.request("group_encrypt").put("session_id", sid).put("plaintext", "alpha"))
            .get("ciphertext")
            .asString();
    String c1 =
        libolm
            .call(libolm.request("group_encrypt").put("session_id", sid).put("plaintext", "beta"))
            .get("ciphertext")
            .asString();
    try (var in = engine.newInboundGroupSession(group.get("session_key").asString())) {
      assertThat(in.sessionId()).isEqualTo(sid);
      var d1 = in.decrypt(c1);
      assertThat(d1.plaintext()).isEqualTo("beta");
      assertThat(d1.messageIndex()).isEqualTo(1);
      assertThat(in.decrypt(c0).plaintext()).isEqualTo("alpha");
    }
  }

  @Test
  void libolmOpensWhatWeEncryptToItsBackupKey() {
    String publicKey = libolm.call(libolm.request("pk_new")).get("public_key").asString();
    try (var pk = engine.pkEncryption(publicKey)) {
      var m = pk.encrypt("{\"session_key\":\"abc\"}");
      JsonNode opened =
          libolm.call(
              libolm
                  .request("pk_decrypt")
                  .put("ciphertext", m.ciphertext())
                  .put("mac", m.mac())
                  .put("ephemeral", m.ephemeral()));
      assertThat(opened.get("plaintext").asString()).isEqualTo("{\"session_key\":\"abc\"}");
    }
  }

  @Test
  void libolmSignaturesVerifyWithOurEngine() {
    JsonNode them = libolm.call(libolm.request("identity").put("otks", 0));
    String sig =
        libolm.call(libolm.request("sign").put("message", "{\"a\":1}")).get("signature").asString();
    assertThat(engine.verifyEd25519(them.get("ed25519").asString(), "{\"a\":1}", sig)).isTrue();
    assertThat(engine.verifyEd25519(them.get("ed25519").asString(), "{\"a\":2}", sig)).isFalse();
  }
}

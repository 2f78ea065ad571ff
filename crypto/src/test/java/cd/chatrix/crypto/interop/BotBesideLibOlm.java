package cd.chatrix.crypto.interop;

import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The bot's machine ({@code @bot:test}, device {@code BOTDEV}) beside one libolm device, as a
 * matrix-nio client has, with the test standing in for the homeserver between them: {@link #serve}
 * hands each request the machine wants sent to the test's answer, and keeps the to-device messages.
 */
final class BotBesideLibOlm implements AutoCloseable {
  static final String BOT = "@bot:test";
  static final String BOT_DEVICE = "BOTDEV";

  final LibOlmOracle libolm = LibOlmOracle.start();
  final OlmMachine bot =
      new OlmMachine(
          BOT, BOT_DEVICE, new VodozemacEngine(), new InMemoryCryptoStore(), PickleKey.random());

  /**
   * The libolm device: its {@code device_keys} and {@code one_time_keys} as it would upload them.
   */
  final JsonNode device;

  /** Every to-device request the machine sent, oldest first. */
  final List<OutgoingRequest.ToDevice> sent = new ArrayList<>();

  private final Function<OutgoingRequest, JsonNode> answer;

  /**
   * Creates the libolm device {@code userId}/{@code deviceId} and has the bot track that user; call
   * {@link #serve} to let the machine's first requests (key upload, key query) through.
   *
   * @param answer what the homeserver answers to a request; called from {@link #serve} only
   */
  BotBesideLibOlm(String userId, String deviceId, Function<OutgoingRequest, JsonNode> answer) {
    this.answer = answer;
    this.device =
        libolm.call(libolm.request("device").put("user_id", userId).put("device_id", deviceId));
    bot.updateTrackedUsers(List.of(userId));
  }

  /** Answers the machine's requests until it has nothing left to send (ten rounds at most). */
  void serve() {
    for (int round = 0; round < 10; round++) {
      List<OutgoingRequest> requests = bot.outgoingRequests();
      if (requests.isEmpty()) {
        return;
      }
      for (OutgoingRequest r : requests) {
        if (r instanceof OutgoingRequest.ToDevice t) {
          sent.add(t);
        }
        bot.markRequestAsSent(r.id(), answer.apply(r));
      }
    }
  }

  @Override
  public void close() {
    bot.close();
    libolm.close();
  }
}

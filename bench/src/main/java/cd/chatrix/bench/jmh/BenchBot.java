package cd.chatrix.bench.jmh;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.store.Stores;

/** The bot the in-process benchmarks measure: default settings, {@link StaticRunner}, no ticks. */
final class BenchBot {
  private BenchBot() {}

  /** A bot as {@code botUserId} that talks through {@code chat} and keeps {@code stores}. */
  static Bot over(String botUserId, CountingChat chat, Stores stores) {
    BotSettings settings = BotSettings.defaults(botUserId, "https://semaphore.bench/");
    return Bot.builder()
        .settings(() -> settings)
        .chat(chat)
        .runner(new StaticRunner())
        .stores(stores)
        .autoTick(false)
        .build();
  }
}

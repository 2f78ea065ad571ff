package cd.chatrix.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Watches every room through one observer account's /sync and notes, for each bot message that
 * replies to an event ({@code m.relates_to.m.in_reply_to.event_id}, which the bot sets both on
 * plain replies and inside threads), when it was seen.
 *
 * <p>One observer in all rooms rather than each of the 1,000 people long-polling /sync: the test
 * homeserver wakes every waiting /sync on every new event under one lock, so a thousand pollers
 * would make the homeserver, not the bot, what the bench measures. The observer sees a reply at the
 * same stream position any member would.
 */
final class ReplyCollector implements AutoCloseable {
  /** Room timelines up to this size come in one piece; a larger batch is reported as a gap. */
  private static final String FILTER =
      "{\"room\":{\"timeline\":{\"limit\":2000}},\"presence\":{\"not_types\":[\"*\"]}}";

  private final BenchMatrixClient client;
  private final Session observer;
  private final String botUserId;
  private final Map<String, List<Long>> repliesTo = new ConcurrentHashMap<>();
  private final AtomicLong otherBotMessages = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Optional<RuntimeException> failure = Optional.empty();
  private Optional<String> since = Optional.empty();

  private ReplyCollector(BenchMatrixClient client, Session observer, String botUserId) {
    this.client = client;
    this.observer = observer;
    this.botUserId = botUserId;
    this.thread = Thread.ofPlatform().daemon().name("reply-collector").unstarted(this::loop);
  }

  /** Starts watching from now: what the rooms held before (set-up, joins) is skipped. */
  static ReplyCollector start(BenchMatrixClient client, Session observer, String botUserId) {
    ReplyCollector collector = new ReplyCollector(client, observer, botUserId);
    JsonNode initial = client.sync(observer, Optional.empty(), FILTER, Duration.ZERO);
    collector.since = Optional.of(initial.path("next_batch").asString());
    collector.thread.start();
    return collector;
  }

  private void loop() {
    while (running) {
      try {
        JsonNode response = client.sync(observer, since, FILTER, Duration.ofSeconds(5));
        long seenAt = System.nanoTime();
        syncs.incrementAndGet();
        since = Optional.of(response.path("next_batch").asString());
        for (JsonNode room : response.path("rooms").path("join")) {
          JsonNode timeline = room.path("timeline");
          if (timeline.path("limited").asBoolean(false)) {
            gaps.incrementAndGet();
          }
          timeline.path("events").forEach(event -> note(event, seenAt));
        }
      } catch (RuntimeException e) {
        if (running) {
          failure = Optional.of(e);
        }
        return;
      }
    }
  }

  private void note(JsonNode event, long seenAt) {
    if (!botUserId.equals(event.path("sender").asString(""))
        || !"m.room.message".equals(event.path("type").asString(""))) {
      return;
    }
    String inReplyTo =
        event
            .path("content")
            .path("m.relates_to")
            .path("m.in_reply_to")
            .path("event_id")
            .asString("");
    if (inReplyTo.isEmpty()) {
      otherBotMessages.incrementAndGet();
      return;
    }
    repliesTo.computeIfAbsent(inReplyTo, k -> new CopyOnWriteArrayList<>()).add(seenAt);
  }

  /** When each reply to {@code eventId} was seen (nanoTime), first first; empty if none yet. */
  List<Long> repliesTo(String eventId) {
    return repliesTo.getOrDefault(eventId, List.of());
  }

  /** Bot messages that reply to nothing (greetings, notices) seen while watching. */
  long otherBotMessages() {
    return otherBotMessages.get();
  }

  /** Timelines the homeserver cut short; replies in a gap could have been missed. */
  long gaps() {
    return gaps.get();
  }

  /** The reason the watch stopped early, if it did. */
  Optional<RuntimeException> failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}

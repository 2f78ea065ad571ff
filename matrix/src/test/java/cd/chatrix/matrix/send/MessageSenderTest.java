package cd.chatrix.matrix.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.FixedToken;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.RetryLayer;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import cd.chatrix.matrix.testing.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** A homeserver stand-in that de-duplicates by transaction id, as the spec requires. */
class MessageSenderTest {
  private final FakeHttpServer hs = new FakeHttpServer();
  private final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofMillis(20));
  private final Backoff fast = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));
  private final Transports transports = new Transports(new RetryLayer(3, fast, sleeper));
  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
  private final Map<String, String> eventByTxn = new ConcurrentHashMap<>();
  private final List<String> timeline = new CopyOnWriteArrayList<>();
  private final AtomicInteger dropAfterProcessing = new AtomicInteger();
  private final Set<String> encryptedRooms = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.CountDownLatch released =
      new java.util.concurrent.CountDownLatch(1);
  private volatile boolean holdAnswers;
  private MessageSender sender;

  @BeforeEach
  void setUp() {
    hs.route(
        "PUT /_matrix/client/v3/rooms/*",
        r -> {
          if (holdAnswers) {
            awaitRelease();
          }
          String txn = r.path().substring(r.path().lastIndexOf('/') + 1);
          String eventId =
              eventByTxn.computeIfAbsent(
                  txn,
                  t -> {
                    timeline.add(r.path().split("/")[6] + " " + r.body());
                    return "$e" + timeline.size();
                  });
          if (dropAfterProcessing.getAndDecrement() > 0) {
            return Reply.dropConnection();
          }
          return Reply.json(200, "{\"event_id\":\"" + eventId + "\"}");
        });
    sender =
        new MessageSender(
            transports.authenticated(hs.baseUri(), new FixedToken("t")),
            outbox,
            encryptedRooms::contains,
            fast,
            sleeper);
  }

  private void awaitRelease() {
    try {
      released.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void queuedCountsSendsUntilTheServerConfirmedThem() throws Exception {
    assertThat(sender.queued()).isZero();
    holdAnswers = true;

    var first = sender.sendMessage("!r:x", MessageContent.text("one").build());
    sender.sendMessage("!r:x", MessageContent.text("two").build());
    var other = sender.sendMessage("!other:x", MessageContent.text("three").build());

    assertThat(sender.queued()).isEqualTo(3);
    released.countDown();
    first.get(10, TimeUnit.SECONDS);
    other.get(10, TimeUnit.SECONDS);
    org.awaitility.Awaitility.await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> sender.queued() == 0);
    assertThat(timeline).hasSize(3);
  }

  @AfterEach
  void close() {
    sender.close();
    transports.close();
    hs.close();
  }

  @Test
  void aSendWhoseAnswerWasLostIsRetriedWithoutDuplicating() throws Exception {
    dropAfterProcessing.set(2);

    String eventId =
        sender
            .sendMessage("!r:x", MessageContent.text("deploy started").build())
            .get(10, TimeUnit.SECONDS);

    assertThat(eventId).isEqualTo("$e1");
    assertThat(timeline).hasSize(1);
    assertThat(
            hs.requests().stream()
                .filter(r -> r.method().equals("PUT"))
                .map(FakeHttpServer.Request::path)
                .distinct())
        .hasSize(1);
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void whatACrashLeftInTheOutboxIsResentWithTheSameTransactionId() throws Exception {
    String eventId =
        sender.sendMessage("!r:x", MessageContent.text("once").build()).get(10, TimeUnit.SECONDS);
    String path = hs.requests().getFirst().path();
    String txn = path.substring(path.lastIndexOf('/') + 1);
    outbox.add(
        new PendingSend(
            txn,
            "!r:x",
            new PendingSend.Event("m.room.message"),
            "{\"msgtype\":\"m.text\",\"body\":\"once\"}",
            Optional.empty()));

    sender.resendPending().get(10, TimeUnit.SECONDS);

    assertThat(timeline).hasSize(1);
    assertThat(eventByTxn).containsEntry(txn, eventId);
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void aSendIsInTheOutboxWhenHandedOverAndLeavesItOnceConfirmed() throws Exception {
    holdAnswers = true;

    var sent = sender.sendMessage("!r:x", MessageContent.text("queued").build());

    // In the outbox before the homeserver saw anything: taken at enqueue, not at delivery.
    assertThat(outbox.pending())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.target()).isEqualTo(new PendingSend.Event("m.room.message"));
          assertThat(p.bodyJson()).contains("queued");
        });
    String txn = outbox.pending().getFirst().txnId();
    released.countDown();
    sent.get(10, TimeUnit.SECONDS);
    assertThat(hs.requests().getFirst().path()).endsWith("/" + txn);
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void aSendQueuedWhileHandlingAnEventCarriesItAsItsCause() throws Exception {
    holdAnswers = true;
    new cd.chatrix.matrix.sync.HandlingEvent("$command")
        .call(() -> sender.sendMessage("!r:x", MessageContent.text("pong").build()) != null);
    sender.sendMessage("!r:x", MessageContent.text("on its own").build());

    assertThat(outbox.pending())
        .extracting(PendingSend::cause)
        .containsExactly(Optional.of("$command"), Optional.empty());
    released.countDown();
  }

  @Test
  void anOutboxThatMarksTheCauseSparesTheEngineItsOwnMark() throws Exception {
    java.util.List<PendingSend> added = new CopyOnWriteArrayList<>();
    OutboxStore marking =
        new OutboxStore() {
          @Override
          public boolean add(PendingSend send) {
            added.add(send);
            return send.cause().isPresent();
          }

          @Override
          public void remove(String txnId) {}

          @Override
          public List<PendingSend> pending() {
            return List.copyOf(added);
          }
        };
    try (MessageSender withMarks =
        new MessageSender(
            transports.authenticated(hs.baseUri(), new FixedToken("t")),
            marking,
            encryptedRooms::contains,
            fast,
            sleeper)) {
      var marked = new cd.chatrix.matrix.sync.HandlingEvent("$marked");
      marked.call(() -> withMarks.sendMessage("!r:x", MessageContent.text("a").build()) != null);
      var unmarked = new cd.chatrix.matrix.sync.HandlingEvent("$unmarked");
      unmarked.call(() -> sender.sendMessage("!r:x", MessageContent.text("b").build()) != null);

      assertThat(marked.recorded()).isTrue();
      assertThat(unmarked.recorded()).as("the in-memory outbox keeps no handled ids").isFalse();
    }
  }

  @Test
  void aQueuedMessageIsEncryptedAtDeliveryWithTheSessionCurrentThen() throws Exception {
    encryptedRooms.add("!secret:x");
    AtomicInteger session = new AtomicInteger(1);
    sender.setEncryptor((roomId, event) -> {
      ObjectNode wrapped = Json.object();
      wrapped.put("session", "s" + session.get());
      return new OutgoingEvent("m.room.encrypted", wrapped);
    });
    holdAnswers = true;
    // The first send holds the lane, so the second waits queued while the session rotates.
    var first = sender.sendMessage("!secret:x", MessageContent.text("a").build());
    var second = sender.sendMessage("!secret:x", MessageContent.text("b").build());
    org.awaitility.Awaitility.await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> !hs.requests().isEmpty());
    session.set(2);
    released.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);

    assertThat(hs.requests())
        .extracting(FakeHttpServer.Request::body)
        .containsExactly("{\"session\":\"s1\"}", "{\"session\":\"s2\"}");
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void aRoomWhoseSendsPileUpMakesItsNextWriterWaitNotTheHeapGrow() throws Exception {
    holdAnswers = true;
    for (int i = 0; i < MessageSender.MAX_WAITING_PER_ROOM; i++) {
      sender.sendMessage("!r:x", MessageContent.notice("n" + i).build());
    }
    var late = new java.util.concurrent.CompletableFuture<String>();
    Thread writer =
        Thread.ofVirtual()
            .start(() ->
                sender
                    .sendMessage("!r:x", MessageContent.notice("late").build())
                    .whenComplete((id, e) -> {
                      if (e == null) {
                        late.complete(id);
                      } else {
                        late.completeExceptionally(e);
                      }
                    }));

    writer.join(java.time.Duration.ofMillis(300));
    assertThat(writer.isAlive()).isTrue();
    assertThat(outbox.pending()).hasSize(MessageSender.MAX_WAITING_PER_ROOM);
    // Other rooms do not wait for this one.
    sender.sendMessage("!other:x", MessageContent.notice("elsewhere").build());
    assertThat(outbox.pending()).hasSize(MessageSender.MAX_WAITING_PER_ROOM + 1);

    released.countDown();
    late.get(10, TimeUnit.SECONDS);
    assertThat(timeline).hasSize(MessageSender.MAX_WAITING_PER_ROOM + 2);
    assertThat(timeline.stream().filter(line -> !line.contains("elsewhere")).toList().getLast())
        .contains("late");
  }

  @Test
  void aSendFromADeliverysOwnCallbackNeverWaitsForItsLane() throws Exception {
    holdAnswers = true;
    var followUps = new java.util.concurrent.CompletableFuture<List<String>>();
    sender
        .sendMessage("!r:x", MessageContent.notice("status").build())
        .thenAccept(id -> {
          // Runs on the lane once the first send is confirmed: two more than the freed place.
          var edit = sender.sendMessage("!r:x", MessageContent.notice("edit " + id).build());
          var more = sender.sendMessage("!r:x", MessageContent.notice("more").build());
          edit.thenCombine(more, List::of).thenAccept(followUps::complete);
        });
    for (int i = 1; i < MessageSender.MAX_WAITING_PER_ROOM; i++) {
      sender.sendMessage("!r:x", MessageContent.notice("n" + i).build());
    }

    released.countDown();

    assertThat(followUps.get(10, TimeUnit.SECONDS)).hasSize(2);
    assertThat(timeline).hasSize(MessageSender.MAX_WAITING_PER_ROOM + 2);
  }

  @Test
  void keepsTheOrderOfOneRoom() throws Exception {
    var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<String>>();
    for (int i = 0; i < 20; i++) {
      futures.add(sender.sendMessage("!r:x", MessageContent.notice("n" + i).build()));
    }
    awaitInOrder(futures, "n", 20);
  }

  /** Waits for every send; the room's timeline then holds {@code prefix}0 … in that order. */
  private void awaitInOrder(
      List<java.util.concurrent.CompletableFuture<String>> futures, String prefix, int count)
      throws Exception {
    for (var f : futures) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(timeline)
        .extracting(line ->
            Json.MAPPER.readTree(line.substring(line.indexOf(' ') + 1)).path("body").asString())
        .containsExactly(
            java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> prefix + i)
                .toArray(String[]::new));
  }

  @Test
  void keepsTheOrderOfOneRoomWhenHandlersOnVirtualThreadsSend() throws Exception {
    // A handler's thread hands its carrier to the room's lane after each send: order must hold.
    var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<String>>();
    Thread handler =
        Thread.ofVirtual()
            .start(() -> {
              for (int i = 0; i < 20; i++) {
                futures.add(sender.sendMessage("!r:x", MessageContent.notice("v" + i).build()));
              }
            });
    handler.join(Duration.ofSeconds(10));
    assertThat(futures).hasSize(20);
    awaitInOrder(futures, "v", 20);
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void aClearRoomsSendLeavesWithItsBodyExactlyAsTheOutboxHoldsIt() throws Exception {
    // Spelled as no serializer of ours would write it (escaped é, spaces): read back and
    // written again, the request would differ.
    String stored = "{ \"msgtype\": \"m.notice\", \"body\": \"d\\u00e9ploy\" }";
    outbox.add(
        new PendingSend(
            "txn-stored",
            "!r:x",
            new PendingSend.Event("m.room.message"),
            stored,
            Optional.empty()));
    outbox.add(
        new PendingSend(
            "txn-redact", "!r:x", new PendingSend.Redaction("$t"), "{ }", Optional.empty()));

    sender.resendPending().get(10, TimeUnit.SECONDS);

    assertThat(hs.requests())
        .extracting(FakeHttpServer.Request::body)
        .containsExactly(stored, "{ }");
    assertThat(Json.MAPPER.readTree(hs.requests().getFirst().body()).path("body").asString())
        .isEqualTo("déploy");
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void reactionsEditsAndRedactionsUseTheirEndpoints() throws Exception {
    sender.react("!r:x", "$t", "✅").get(10, TimeUnit.SECONDS);
    sender.edit("!r:x", "$t", MessageContent.notice("v2")).get(10, TimeUnit.SECONDS);
    sender.redact("!r:x", "$t", Optional.of("obsolete")).get(10, TimeUnit.SECONDS);

    List<String> paths = hs.requests().stream().map(FakeHttpServer.Request::path).toList();
    assertThat(paths.get(0)).contains("/send/m.reaction/");
    assertThat(paths.get(1)).contains("/send/m.room.message/");
    assertThat(paths.get(2)).contains("/redact/%24t/");
    assertThat(hs.requests().get(2).body()).contains("obsolete");
  }

  @Test
  void encryptedRoomsGoThroughTheEncryptor() throws Exception {
    encryptedRooms.add("!secret:x");
    sender.setEncryptor((roomId, event) -> {
      ObjectNode wrapped = Json.object();
      wrapped.put("algorithm", "test");
      wrapped.put("ciphertext", event.type() + ":" + event.content().path("body").asString());
      return new OutgoingEvent("m.room.encrypted", wrapped);
    });

    sender.sendMessage("!secret:x", MessageContent.text("hush").build()).get(10, TimeUnit.SECONDS);

    assertThat(hs.requests().getFirst().path()).contains("/send/m.room.encrypted/");
    assertThat(hs.requests().getFirst().body())
        .contains("m.room.message:hush")
        .doesNotContain("\"body\"");
  }

  @Test
  void refusesClearTextInAnEncryptedRoomWithoutEncryptor() {
    encryptedRooms.add("!secret:x");

    assertThatThrownBy(() ->
            sender
                .sendMessage("!secret:x", MessageContent.text("x").build())
                .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("not sent in clear text");
    assertThat(hs.requests()).isEmpty();
  }

  @Test
  void aRejectedSendFailsAndLeavesNothingBehind() {
    hs.route(
        "PUT /_matrix/client/v3/rooms/*",
        r -> Reply.json(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"no power\"}"));

    assertThatThrownBy(() ->
            sender.sendMessage("!r:x", MessageContent.text("x").build()).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(MatrixException.class)
        .hasMessageContaining("M_FORBIDDEN");
    assertThat(outbox.pending()).isEmpty();
  }
}

package cd.chatrix.app.boot.console;

import cd.chatrix.app.adapter.crypto.EncryptionBridge;
import cd.chatrix.app.adapter.semaphore.TaskFeed;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.ops.BotMetrics;
import cd.chatrix.app.ops.OpsServer;
import cd.chatrix.bot.Bot;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.store.Stores;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.semaphore.SemaphoreClient;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live parts of a started bot, for the views that show and steer it (the operator console):
 * read their state, never replace them.
 *
 * @param ops the operations endpoint, when {@code http.enabled} is on (its {@link OpsServer#port()}
 *     is the port really bound, useful with {@code http.port: 0})
 */
public record RunningBot(
    Supplier<ChatrixConfig> config,
    Supplier<BotSettings> settings,
    Bot bot,
    Stores stores,
    MatrixClient matrix,
    Optional<EncryptionBridge> encryption,
    SemaphoreClient semaphore,
    TaskFeed feed,
    BotMetrics metrics,
    Optional<OpsServer> ops,
    Shutdown shutdown,
    Instant startedAt) {}

package cd.chatrix.semaphore.model;

import java.time.Instant;
import java.util.Optional;

/** A Semaphore project as the bot needs it. */
public record Project(
    int id,
    String name,
    Optional<Instant> created,
    boolean alert,
    Optional<String> alertChat,
    int maxParallelTasks,
    String type) {}

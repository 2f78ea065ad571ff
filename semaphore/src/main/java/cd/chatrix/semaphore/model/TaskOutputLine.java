package cd.chatrix.semaphore.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One output row of a task. Text is raw: it can contain ANSI escape codes and carriage returns.
 * {@code id} exists only on 2.12+ servers.
 */
public record TaskOutputLine(int taskId, Optional<Long> id, Instant time, String output) {}

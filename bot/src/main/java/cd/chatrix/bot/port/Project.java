package cd.chatrix.bot.port;

/** A Semaphore project. */
public record Project(long id, String name) {}

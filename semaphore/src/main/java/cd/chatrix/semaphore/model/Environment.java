package cd.chatrix.semaphore.model;

/**
 * A project environment. {@code json} holds extra vars and {@code env} environment variables, each
 * a JSON object encoded as a string; secret values are never returned by Semaphore, so none are
 * held here.
 */
public record Environment(int id, int projectId, String name, String json, String env) {}

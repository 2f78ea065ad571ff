package cd.chatrix.semaphore.model;

/** A template view (tab) of a project. */
public record View(int id, int projectId, String title, int position) {}

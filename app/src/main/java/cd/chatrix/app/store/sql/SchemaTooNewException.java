package cd.chatrix.app.store.sql;

/**
 * The database was written by a newer ChatrixCD than this one. Opening it could misread or damage
 * data that this build does not understand, so the store refuses. The message is meant for the user
 * as is: callers can print {@link #getMessage()} without a stack trace.
 */
public final class SchemaTooNewException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final int found;
  private final int supported;

  public SchemaTooNewException(String database, int found, int supported) {
    super(
        "The store "
            + database
            + " has schema version "
            + found
            + ", but this ChatrixCD build only understands versions up to "
            + supported
            + ". It was probably written by a newer ChatrixCD. Upgrade ChatrixCD to that release or later,"
            + " or restore a backup of the store taken with this release.");
    this.found = found;
    this.supported = supported;
  }

  /** The schema version recorded in the database. */
  public int found() {
    return found;
  }

  /** The highest schema version this build can migrate to. */
  public int supported() {
    return supported;
  }
}

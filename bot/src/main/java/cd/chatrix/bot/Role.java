package cd.chatrix.bot;

/** What a user may do, in increasing order of power. */
public enum Role {
  NONE,
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}

package cd.chatrix.semaphore.output;

import java.util.Optional;

/** A run of text with one style. Text is plain: escape codes are gone. */
public record StyledSpan(
    String text,
    Optional<Color> foreground,
    Optional<Color> background,
    boolean bold,
    boolean dim,
    boolean italic,
    boolean underline,
    boolean inverse) {

  public boolean plain() {
    return foreground.isEmpty()
        && background.isEmpty()
        && !bold
        && !dim
        && !italic
        && !underline
        && !inverse;
  }
}

package cd.chatrix.app.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Writes a stack trace the way the JDK does ("Caused by:", "Suppressed:", "... n more"), redacting
 * every exception message with the full redactor. Frames name only code locations, so they get the
 * secrets pass only, which keeps {@code -R} from mangling class names that look like host names.
 */
final class ThrowableFormatter {
  private ThrowableFormatter() {}

  static String format(IThrowableProxy throwable, Redactor redactor) {
    StringBuilder out = new StringBuilder();
    write(out, throwable, "", "", redactor, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out.toString();
  }

  private static void write(
      StringBuilder out,
      IThrowableProxy t,
      String caption,
      String indent,
      Redactor redactor,
      Set<IThrowableProxy> seen) {
    if (!seen.add(t)) {
      out.append(indent).append(caption).append("[CIRCULAR REFERENCE: ").append(t.getClassName());
      out.append("]\n");
      return;
    }
    out.append(indent).append(caption).append(t.getClassName());
    if (t.getMessage() != null) {
      out.append(": ").append(redactor.redact(t.getMessage()));
    }
    out.append('\n');
    StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
    int shown = frames.length - t.getCommonFrames();
    for (int i = 0; i < shown; i++) {
      out.append(indent).append("\tat ");
      out.append(redactor.redactSecrets(frames[i].getStackTraceElement().toString())).append('\n');
    }
    if (t.getCommonFrames() > 0) {
      out.append(indent).append("\t... ").append(t.getCommonFrames()).append(" more\n");
    }
    IThrowableProxy[] suppressed = t.getSuppressed();
    if (suppressed != null) {
      for (IThrowableProxy s : suppressed) {
        write(out, s, "Suppressed: ", indent + "\t", redactor, seen);
      }
    }
    if (t.getCause() != null) {
      write(out, t.getCause(), "Caused by: ", indent, redactor, seen);
    }
  }
}

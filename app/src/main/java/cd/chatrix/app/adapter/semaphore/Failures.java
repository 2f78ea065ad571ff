package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.semaphore.SemaphoreException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns what the Semaphore client throws into the bot's {@link PortException}. The client's
 * messages are already written for chat users; this only makes sure no secret can slip through (the
 * API token in use, a Bearer header, credentials embedded in a URL) and gives unexpected failures a
 * readable text too.
 */
final class Failures {
  private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b(https?|wss?)://[^/@\\s]+@");
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+\\S+");

  private final Supplier<List<String>> secrets;

  /**
   * @param secrets the token and password in use, scrubbed from every message
   */
  Failures(Supplier<List<String>> secrets) {
    this.secrets = secrets;
  }

  /** Runs {@code call}, translating any failure into a {@link PortException}. */
  <T> T call(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (PortException e) {
      throw e;
    } catch (SemaphoreException e) {
      throw new PortException(scrub(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new PortException(
          "Something went wrong while "
              + doing
              + " ("
              + e.getClass().getSimpleName()
              + "). Check that the configured URL points at Semaphore; the bot log has details.",
          e);
    }
  }

  void run(String doing, Runnable call) {
    call(
        doing,
        () -> {
          call.run();
          return Boolean.TRUE;
        });
  }

  /** Removes anything secret from a text meant for users or logs. */
  String scrub(String message) {
    if (message == null || message.isBlank()) {
      return "Semaphore failed without saying why; the bot log has details.";
    }
    String out = URL_USERINFO.matcher(message).replaceAll("$1://");
    out = BEARER.matcher(out).replaceAll("Bearer <redacted>");
    for (String secret : secrets.get()) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "<redacted>");
      }
    }
    return out;
  }
}

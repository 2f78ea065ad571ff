package cd.chatrix.app.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Found by Logback through {@code META-INF/services}: the set-up in force before {@link
 * Logging#configure} runs. Logback's own fallback logs everything at DEBUG without redaction, which
 * is exactly what must not happen while the configuration (full of secrets) is being read.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
  public DefaultLogConfigurator() {
    // Instantiated reflectively by Logback's ServiceLoader lookup.
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    Logging.apply(context, LogSettings.defaults(), System.err);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}

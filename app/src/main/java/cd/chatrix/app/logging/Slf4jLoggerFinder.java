package cd.chatrix.app.logging;

/**
 * Routes {@link System.Logger} (used by the {@code bot} module, which depends on nothing but the
 * JDK, and by the JDK itself) into SLF4J, so those lines get the same outputs, levels and redaction
 * as everything else. Registered in {@code META-INF/services/java.lang.System$LoggerFinder}.
 */
public final class Slf4jLoggerFinder extends System.LoggerFinder {
  public Slf4jLoggerFinder() {
    // Instantiated by the JDK's ServiceLoader lookup on the first System.getLogger call.
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Slf4jSystemLogger(name);
  }
}

package cd.chatrix.app;

import cd.chatrix.testkit.bot.BotConfigFile;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The testkit homeserver and a Semaphore simulator (2.12) for each test of a class that registers
 * this as an extension: started before the test, closed after it (and after the test's own
 * {@code @AfterEach}, so a bot process stopped there still finds them up).
 */
public final class TestServers implements BeforeEachCallback, AfterEachCallback {
  private TestHomeserver homeserver;
  private SemaphoreSimulator semaphore;

  @Override
  public void beforeEach(ExtensionContext context) {
    homeserver = TestHomeserver.start();
    semaphore = SemaphoreSimulator.start(Shape.V2_12);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    semaphore.close();
    homeserver.close();
  }

  public TestHomeserver homeserver() {
    return homeserver;
  }

  public SemaphoreSimulator semaphore() {
    return semaphore;
  }

  /** Registers the bot's account with {@code password}; its config, its files under {@code dir}. */
  public BotConfigFile newBot(String password, Path dir) {
    return BotConfigFile.forNewBot(homeserver, password, semaphore, dir);
  }
}

package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.AbstractTextGUIThread;
import com.googlecode.lanterna.gui2.AsynchronousTextGUIThread;
import com.googlecode.lanterna.gui2.TextGUI;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The console's GUI thread: takes input, runs posted updates and redraws.
 *
 * <p>Replaces Lanterna 3.1.5's {@code SeparateTextGUIThread}, whose {@code start()} starts the
 * thread before marking it started; when the new thread wins that race it draws once and exits,
 * leaving a frozen screen. Here the state is set first.
 */
final class ConsoleGuiThread extends AbstractTextGUIThread implements AsynchronousTextGUIThread {
  private static final long IDLE_MILLIS = 10;

  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile State state = State.CREATED;

  ConsoleGuiThread(TextGUI gui) {
    super(gui);
    this.thread = Thread.ofVirtual().name("chatrixcd-tui").unstarted(this::loop);
  }

  @Override
  public synchronized void start() {
    if (state != State.CREATED) {
      throw new IllegalStateException("the console's GUI thread was already started");
    }
    state = State.STARTED;
    thread.start();
  }

  @Override
  public void stop() {
    if (state == State.STARTED) {
      state = State.STOPPING;
    }
  }

  @Override
  public void waitForStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void waitForStop(long time, TimeUnit unit) throws InterruptedException {
    stopped.await(time, unit);
  }

  @Override
  public State getState() {
    return state;
  }

  @Override
  public Thread getThread() {
    return thread;
  }

  private void loop() {
    try {
      textGUI.updateScreen();
    } catch (IOException e) {
      exceptionHandler.onIOException(e);
    } catch (RuntimeException e) {
      exceptionHandler.onRuntimeException(e);
    }
    try {
      while (state == State.STARTED) {
        try {
          if (!processEventsAndUpdate()) {
            Thread.sleep(IDLE_MILLIS);
          }
        } catch (EOFException e) {
          break;
        } catch (IOException e) {
          if (exceptionHandler.onIOException(e)) {
            break;
          }
        } catch (RuntimeException e) {
          if (exceptionHandler.onRuntimeException(e)) {
            break;
          }
        } catch (InterruptedException e) {
          break;
        }
      }
    } finally {
      state = State.STOPPED;
      stopped.countDown();
    }
  }
}

package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AsynchronousTextGUIThread;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConsoleGuiThreadTest {

  private static MultiWindowTextGUI gui() throws Exception {
    TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(20, 5)));
    screen.startScreen();
    return new MultiWindowTextGUI(
        ConsoleGuiThread::new, screen, new DefaultWindowManager(), null, new EmptySpace());
  }

  /** Repeated because the stock thread's start-up race only shows now and then. */
  @RepeatedTest(20)
  void keepsRunningPostedTasksAfterStart() throws Exception {
    MultiWindowTextGUI gui = gui();
    AsynchronousTextGUIThread thread = (AsynchronousTextGUIThread) gui.getGUIThread();
    thread.start();
    CountDownLatch ran = new CountDownLatch(2);
    thread.invokeLater(ran::countDown);
    Thread.sleep(5);
    thread.invokeLater(ran::countDown);
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(thread.getState()).isEqualTo(AsynchronousTextGUIThread.State.STARTED);
    thread.stop();
    thread.waitForStop(5, TimeUnit.SECONDS);
    assertThat(thread.getState()).isEqualTo(AsynchronousTextGUIThread.State.STOPPED);
  }

  @Test
  void startsOnlyOnce() throws Exception {
    AsynchronousTextGUIThread thread = (AsynchronousTextGUIThread) gui().getGUIThread();
    thread.start();
    assertThatThrownBy(thread::start).isInstanceOf(IllegalStateException.class);
    thread.stop();
    thread.waitForStop(5, TimeUnit.SECONDS);
  }
}

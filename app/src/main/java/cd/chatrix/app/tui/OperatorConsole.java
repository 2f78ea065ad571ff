package cd.chatrix.app.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AsynchronousTextGUIThread;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.TextGUIThread;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.gui2.WindowShadowRenderer;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ExtendedTerminal;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The operator's console: one full-screen Lanterna window (header, the current screen, a message
 * line and a help bar) on its own GUI thread, plus a virtual thread that polls the {@link
 * ConsoleModel} and posts the changes to the GUI thread. Neither ever waits on the bot, and the bot
 * never waits on them. Dialogs are separate modal windows on top.
 *
 * <p>Keys: the current screen sees a key first, then the global single-letter shortcuts apply.
 * Letters go to an editable text box when one has focus, so typing never switches screens.
 */
public final class OperatorConsole implements AutoCloseable {
  static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
  static final String NAVIGATION =
      "h Home r Rooms a Admins v Sessions m Say l Logs t Tasks x Aliases e Set c Show";
  private static final System.Logger LOG = System.getLogger(OperatorConsole.class.getName());

  private final Terminal terminal;
  private final TerminalScreen screen;
  private final MultiWindowTextGUI gui;
  private final AsynchronousTextGUIThread guiThread;
  private final ConsoleModel model;
  private final ConsoleOptions options;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
  private final CountDownLatch exited = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean quitting = new AtomicBoolean();
  private final Duration pollInterval;
  private final Label header = new Label("");
  private final Label messageLine = new Label("");
  private final Label screenKeys = new Label("");
  private final Label navigation = new Label(NAVIGATION);
  private final Panel content = new Panel(new BorderLayout());
  private final BasicWindow main = new BasicWindow("ChatrixCD");
  private final ConsoleContext context;
  private final List<ConsoleScreen> screens;
  private final VerificationPrompt verification;
  private final AtomicReference<ConsoleScreen> current = new AtomicReference<>();
  private volatile String headline = "starting";
  private Thread poller;

  private OperatorConsole(
      Terminal terminal,
      ConsoleModel model,
      ConsoleActions actions,
      ConsoleOptions options,
      Duration pollInterval)
      throws IOException {
    this.terminal = terminal;
    this.model = model;
    this.options = options;
    this.pollInterval = pollInterval;
    this.screen = new TerminalScreen(terminal);
    TextColor background =
        options.colour()
            ? ThemeFactory.colour(options.theme().background, options.trueColour())
            : TextColor.ANSI.DEFAULT;
    this.gui =
        new MultiWindowTextGUI(
            ConsoleGuiThread::new,
            screen,
            new DefaultWindowManager(),
            new WindowShadowRenderer(),
            new EmptySpace(background));
    gui.setTheme(ThemeFactory.theme(options));
    this.guiThread = (AsynchronousTextGUIThread) gui.getGUIThread();
    this.context = new ConsoleContext(gui, actions, workers, messageLine, this::refreshSoon);
    List<ConsoleScreen> others =
        List.of(
            new RoomsScreen(context),
            new AdminsScreen(),
            new SessionsScreen(context),
            new SayScreen(context),
            new LogsScreen(context),
            new TasksScreen(context),
            new AliasesScreen(context),
            new SetScreen(context),
            new ShowScreen());
    HomeScreen home =
        new HomeScreen(
            others.stream().map(s -> new HomeScreen.MenuEntry(s.key(), s.title())).toList(),
            this::open,
            options);
    this.screens = Stream.concat(Stream.of(home), others.stream()).toList();
    this.verification = new VerificationPrompt(context);
    buildMainWindow();
    screen.startScreen();
    screen.setCursorPosition(null);
    if (options.mouse() && terminal instanceof ExtendedTerminal extended) {
      extended.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE);
    }
  }

  /**
   * Takes over {@code terminal} and shows the console; returns at once. Call {@link #awaitExit} to
   * wait for the operator to quit, and {@link #close} to give the terminal back.
   *
   * @throws UncheckedIOException when the terminal cannot be set up
   */
  public static OperatorConsole start(
      Terminal terminal, ConsoleModel model, ConsoleActions actions, ConsoleOptions options) {
    return start(terminal, model, actions, options, DEFAULT_POLL);
  }

  static OperatorConsole start(
      Terminal terminal,
      ConsoleModel model,
      ConsoleActions actions,
      ConsoleOptions options,
      Duration pollInterval) {
    try {
      OperatorConsole console =
          new OperatorConsole(terminal, model, actions, options, pollInterval);
      console.run();
      return console;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not take over the terminal for the console: " + e.getMessage(), e);
    }
  }

  private void buildMainWindow() {
    main.setHints(Set.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
    Panel root = new Panel(new BorderLayout());
    ThemeFactory.styleAccent(header, options);
    root.addComponent(header, BorderLayout.Location.TOP);
    root.addComponent(content, BorderLayout.Location.CENTER);
    Panel footer = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
    footer.addComponent(messageLine);
    screenKeys.addStyle(SGR.BOLD);
    footer.addComponent(screenKeys);
    footer.addComponent(navigation);
    if (!options.colour()) {
      screenKeys.addStyle(SGR.REVERSE);
    } else {
      screenKeys.setForegroundColor(ThemeFactory.accent(options));
    }
    root.addComponent(footer, BorderLayout.Location.BOTTOM);
    main.setComponent(root);
    main.addWindowListener(
        new WindowListenerAdapter() {
          @Override
          public void onInput(Window window, KeyStroke key, AtomicBoolean deliver) {
            if (route(key, window.getFocusedInteractable())) {
              deliver.set(false);
            }
          }

          @Override
          public void onResized(Window window, TerminalSize before, TerminalSize after) {
            refreshSoon();
          }
        });
  }

  private void run() {
    guiThread.setExceptionHandler(
        new TextGUIThread.ExceptionHandler() {
          @Override
          public boolean onIOException(IOException e) {
            LOG.log(
                System.Logger.Level.ERROR, "The console lost its terminal: {0}", e.getMessage());
            closeLater();
            return true;
          }

          @Override
          public boolean onRuntimeException(RuntimeException e) {
            // One broken redraw must not take the operator's view of the bot away.
            LOG.log(System.Logger.Level.WARNING, "Console error (the console keeps running)", e);
            return false;
          }
        });
    gui.addWindow(main);
    open('h');
    guiThread.start();
    poller = Thread.ofVirtual().name("tui-poller").start(this::poll);
  }

  /** Decides what a key does; returns true when it was used up. Runs on the GUI thread. */
  private boolean route(KeyStroke key, Interactable focused) {
    boolean typing = focused instanceof TextBox box && !box.isReadOnly();
    boolean letter = key.getKeyType() == KeyType.Character;
    if (letter && key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == 'c') {
      askQuit();
      return true;
    }
    if (key.getKeyType() == KeyType.Escape) {
      if (current.get().key() != 'h') {
        open('h');
      }
      return true;
    }
    if (letter && (typing || key.isCtrlDown() || key.isAltDown())) {
      return false;
    }
    if (current.get().handle(key)) {
      return true;
    }
    if (!letter) {
      return false;
    }
    char c = Character.toLowerCase(key.getCharacter());
    if (c == 'q') {
      askQuit();
      return true;
    }
    for (ConsoleScreen s : screens) {
      if (s.key() == c) {
        open(c);
        return true;
      }
    }
    return false;
  }

  /** Shows the screen with that shortcut; runs on the GUI thread. */
  private void open(char key) {
    ConsoleScreen next = screens.stream().filter(s -> s.key() == key).findFirst().orElseThrow();
    current.set(next);
    if (next instanceof SetScreen set) {
      set.reload();
    }
    content.removeAllComponents();
    content.addComponent(next.component(), BorderLayout.Location.CENTER);
    screenKeys.setText(next.keys() + "  Esc Home  q Quit");
    updateHeader();
    main.setFocusedInteractable(next.firstFocus());
    refreshSoon();
  }

  private void askQuit() {
    if (quitting.get()) {
      return;
    }
    context
        .dialogs()
        .confirm(
            "Quit",
            model.saysGoodbye()
                ? "Stop the bot and quit? It says goodbye in its rooms first."
                : "Stop the bot and quit?",
            "Quit",
            this::quit);
  }

  private void quit() {
    if (!quitting.compareAndSet(false, true)) {
      return;
    }
    context.message("Stopping the bot…");
    workers.execute(() -> {
      try {
        context.actions().quit();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "The bot did not stop cleanly", e);
      } finally {
        close();
      }
    });
  }

  private void poll() {
    while (!closed.get()) {
      try {
        StatusSnapshot status = model.status();
        var pending = model.verification();
        headline = StatusText.headline(status);
        current.get().refresh(model, context);
        context.ui(() -> {
          updateHeader();
          verification.update(pending);
        });
      } catch (RuntimeException e) {
        context.message("Could not read the bot's state: " + e.getMessage());
      }
      try {
        wake.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void refreshSoon() {
    wake.offer(Boolean.TRUE);
  }

  private void updateHeader() {
    String text = " ChatrixCD │ " + current.get().title() + " │ " + headline;
    header.setText(Rows.clip(text, Math.max(10, screen.getTerminalSize().getColumns() - 1)));
  }

  private void closeLater() {
    Thread.ofVirtual().start(this::close);
  }

  /** Waits until the operator quits or {@link #close} runs. */
  public void awaitExit() throws InterruptedException {
    exited.await();
  }

  /** Waits at most {@code timeout}; returns whether the console has closed. */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    return exited.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the console still owns the terminal. */
  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * Stops polling and drawing and gives the terminal back (leaves the alternate screen). Does not
   * stop the bot; the operator's quit does that through {@link ConsoleActions#quit}. Safe to call
   * more than once and from any thread.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (poller != null) {
        poller.interrupt();
      }
      workers.shutdown();
      guiThread.stop();
      if (Thread.currentThread() != guiThread.getThread()) {
        guiThread.waitForStop(2, TimeUnit.SECONDS);
      }
      if (options.mouse() && terminal instanceof ExtendedTerminal extended) {
        extended.setMouseCaptureMode(null);
      }
      screen.stopScreen();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not restore the terminal: {0}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exited.countDown();
    }
  }
}

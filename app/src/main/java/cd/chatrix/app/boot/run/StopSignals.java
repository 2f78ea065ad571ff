package cd.chatrix.app.boot.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a stop request, so the thread that runs the bot ends it in order
 * and the process exits 0 (left to the JVM, a signal ends the process with 143 or 130, and a bot
 * still starting up would wait out its current step). A second signal stops at once through the
 * JVM's own shutdown, which still closes every part ({@link Shutdown#installSignalHook()}).
 *
 * <p>{@code sun.misc.Signal} is the JDK's supported way to do this (module {@code jdk.unsupported}
 * exports it on purpose); closing puts the previous handlers back, so tests that run the
 * application in-process leave their JVM as they found it.
 */
public final class StopSignals implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
  private static final List<String> NAMES = List.of("TERM", "INT");

  private record Installed(Signal signal, SignalHandler previous) {}

  private final List<Installed> installed;

  private StopSignals(List<Installed> installed) {
    this.installed = installed;
  }

  /** Routes the stop signals to {@code shutdown} until closed. */
  public static StopSignals routeTo(Shutdown shutdown) {
    AtomicInteger received = new AtomicInteger();
    List<Installed> installed = new ArrayList<>();
    for (String name : NAMES) {
      Signal signal = new Signal(name);
      SignalHandler handler =
          s -> {
            if (received.incrementAndGet() == 1) {
              log.info("Stopping (SIG{}); a second signal stops at once", s.getName());
              shutdown.requestStop();
            } else {
              // Runs the shutdown hook, which closes what is still open.
              Thread.ofPlatform().start(() -> System.exit(128 + s.getNumber()));
            }
          };
      try {
        installed.add(new Installed(signal, Signal.handle(signal, handler)));
      } catch (IllegalArgumentException e) {
        // Not available here (for example SIGINT of a background job the shell set to ignore).
        log.debug("SIG{} stays with the JVM: {}", name, e.getMessage());
      }
    }
    return new StopSignals(List.copyOf(installed));
  }

  @Override
  public void close() {
    for (Installed i : installed) {
      try {
        Signal.handle(i.signal(), i.previous());
      } catch (IllegalArgumentException e) {
        log.debug("SIG{} could not be handed back: {}", i.signal().getName(), e.getMessage());
      }
    }
  }
}

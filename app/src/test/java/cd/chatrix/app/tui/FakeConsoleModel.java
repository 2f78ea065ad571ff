package cd.chatrix.app.tui;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An in-memory model whose fields the tests change while the console runs. */
final class FakeConsoleModel implements ConsoleModel {
  volatile StatusSnapshot status = status(StatusSnapshot.ConnectionState.CONNECTED, 42);
  volatile List<RoomView> rooms =
      List.of(
          new RoomView("!ops:example.org", "Ops", true, true, 5),
          new RoomView("!dev:example.org", "Dev chat", false, true, 12));
  volatile List<String> admins = List.of("@alice:example.org", "@bob:example.org");
  volatile List<DeviceView> sessions =
      List.of(
          new DeviceView("@bot:example.org", "BOTDEV", "ChatrixCD", DeviceView.Trust.VERIFIED),
          new DeviceView(
              "@alice:example.org", "ALICEPHONE", "Alice's phone", DeviceView.Trust.UNVERIFIED));
  volatile List<AliasView> aliases = List.of(new AliasView("deploy", "run 1 3"));
  volatile List<TaskView> tasks =
      List.of(
          new TaskView(
              42,
              "Infra",
              "Deploy web",
              "running",
              true,
              "@alice:example.org",
              Optional.of(Instant.parse("2026-01-02T03:04:05Z"))),
          new TaskView(41, "Infra", "Backup", "success", false, "", Optional.empty()));
  volatile String config = "{\n  \"matrix\": {\n    \"password\": \"***REDACTED***\"\n  }\n}";
  volatile RuntimeSettings settings =
      new RuntimeSettings("INFO", true, Duration.ofSeconds(10), "!cd");
  volatile Optional<VerificationView> verification = Optional.empty();
  volatile List<LogLine> logs =
      List.of(
          new LogLine(Instant.parse("2026-01-02T03:04:05Z"), "DEBUG", "Sync", "sync batch s1"),
          new LogLine(Instant.parse("2026-01-02T03:04:06Z"), "INFO", "Bot", "joined room Ops"),
          new LogLine(Instant.parse("2026-01-02T03:04:07Z"), "WARN", "Semaphore", "slow answer"));

  static StatusSnapshot status(StatusSnapshot.ConnectionState state, long commands) {
    return new StatusSnapshot(
        new StatusSnapshot.Matrix(
            state, Optional.of(Duration.ofMillis(300)), "@bot:example.org", "BOTDEV", 2),
        new StatusSnapshot.Semaphore(true, "2.10.22"),
        new StatusSnapshot.E2ee(true, true, 0),
        Duration.ofSeconds(3723),
        commands,
        List.of());
  }

  @Override
  public StatusSnapshot status() {
    return status;
  }

  @Override
  public List<RoomView> rooms() {
    return rooms;
  }

  @Override
  public List<String> admins() {
    return admins;
  }

  @Override
  public List<DeviceView> sessions() {
    return sessions;
  }

  @Override
  public List<AliasView> aliases() {
    return aliases;
  }

  @Override
  public List<TaskView> tasks() {
    return tasks;
  }

  @Override
  public String effectiveConfig() {
    return config;
  }

  @Override
  public RuntimeSettings settings() {
    return settings;
  }

  @Override
  public Optional<VerificationView> verification() {
    return verification;
  }

  @Override
  public List<LogLine> recentLogs() {
    return logs;
  }
}

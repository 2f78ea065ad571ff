package cd.chatrix.app.tui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every call as a readable line, e.g. {@code say !ops:example.org hello}. */
final class RecordingActions implements ConsoleActions {
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile RuntimeException failure;

  private void record(String call) {
    calls.add(call);
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
  }

  @Override
  public void joinRoom(String roomIdOrAlias) {
    record("join " + roomIdOrAlias);
  }

  @Override
  public void leaveRoom(String roomId) {
    record("leave " + roomId);
  }

  @Override
  public void say(String roomId, String text) {
    record("say " + roomId + " " + text);
  }

  @Override
  public void addAlias(String alias, String command) {
    record("addAlias " + alias + " " + command);
  }

  @Override
  public void removeAlias(String alias) {
    record("removeAlias " + alias);
  }

  @Override
  public void stopTask(long taskId) {
    record("stopTask " + taskId);
  }

  @Override
  public void setLogLevel(String level) {
    record("setLogLevel " + level);
  }

  @Override
  public void setGreetings(boolean enabled) {
    record("setGreetings " + enabled);
  }

  @Override
  public void setPollInterval(Duration interval) {
    record("setPollInterval " + interval.toSeconds());
  }

  @Override
  public void setCommandPrefix(String prefix) {
    record("setCommandPrefix " + prefix);
  }

  @Override
  public void startVerification(String userId, String deviceId) {
    record("startVerification " + userId + " " + deviceId);
  }

  @Override
  public void acceptVerification(String verificationId) {
    record("acceptVerification " + verificationId);
  }

  @Override
  public void confirmVerification(String verificationId) {
    record("confirmVerification " + verificationId);
  }

  @Override
  public void cancelVerification(String verificationId) {
    record("cancelVerification " + verificationId);
  }

  @Override
  public void quit() {
    record("quit");
  }
}

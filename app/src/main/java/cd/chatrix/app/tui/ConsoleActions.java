package cd.chatrix.app.tui;

import java.time.Duration;

/**
 * What the console can ask the running bot to do. The console calls these on a virtual thread, so
 * they may block. A method that cannot do what was asked throws an unchecked exception whose
 * message tells the operator what went wrong and what to try; the console shows that message.
 */
public interface ConsoleActions {
  void joinRoom(String roomIdOrAlias);

  void leaveRoom(String roomId);

  /** Sends {@code text} to the room as the bot. */
  void say(String roomId, String text);

  void addAlias(String alias, String command);

  void removeAlias(String alias);

  /** Asks Semaphore to stop the task run; the console has already asked the operator to confirm. */
  void stopTask(long taskId);

  /** One of TRACE, DEBUG, INFO, WARN, ERROR. */
  void setLogLevel(String level);

  void setGreetings(boolean enabled);

  void setPollInterval(Duration interval);

  void setCommandPrefix(String prefix);

  /** Starts an emoji (SAS) verification with one device; progress shows in {@link ConsoleModel}. */
  void startVerification(String userId, String deviceId);

  /** Accepts a verification request that another device sent. */
  void acceptVerification(String verificationId);

  /** The operator saw the same seven emoji on both devices. */
  void confirmVerification(String verificationId);

  /** The operator declined, or the emoji did not match. */
  void cancelVerification(String verificationId);

  /**
   * Stops the bot gracefully (shutdown message, sync stopped, stores closed). The console closes
   * its screen after this returns.
   */
  void quit();
}

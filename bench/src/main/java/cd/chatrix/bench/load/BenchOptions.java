package cd.chatrix.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to run: the size of the load and where the packaged app is.
 *
 * @param rooms rooms with the bot in them
 * @param usersPerRoom people per room (each a separate account)
 * @param commandsPerUser commands each person sends
 * @param runs independent runs (a fresh world and bot process each); the report gives the median
 * @param maxInFlight sends on the wire at once (see {@link LoadFirer})
 * @param dist folder holding {@code chatrixcd.jar} and {@code lib/}
 * @param launcher the {@code chatrixcd} script whose JVM options the bot is started with
 * @param keep keep each run's working folder (config, bot log) instead of deleting it
 * @param mix the command words to cycle through (see {@link LoadFirer#readMix})
 */
record BenchOptions(
    int rooms,
    int usersPerRoom,
    int commandsPerUser,
    int runs,
    int maxInFlight,
    Path dist,
    Path launcher,
    boolean keep,
    List<String> mix) {

  static final String USAGE =
      "usage: ChatOpsLoadBench [--rooms 50] [--users 20] [--commands 5] [--runs 3]"
          + " [--max-in-flight 64] [--mix ping,help,status,projects,templates,info]"
          + " [--dist app/target] [--launcher ./chatrixcd] [--keep]";

  static BenchOptions parse(String[] args) {
    int rooms = 50;
    int users = 20;
    int commands = 5;
    int runs = 3;
    int inFlight = 64;
    Path dist = Path.of("app/target");
    Path launcher = Path.of("chatrixcd");
    boolean keep = false;
    List<String> mix = LoadFirer.ALL_WORDS;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.removeFirst();
      if (flag.equals("--keep")) {
        keep = true;
        continue;
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
      }
      String value = rest.removeFirst();
      switch (flag) {
        case "--rooms" -> rooms = positive(flag, value);
        case "--users" -> users = positive(flag, value);
        case "--commands" -> commands = positive(flag, value);
        case "--runs" -> runs = positive(flag, value);
        case "--max-in-flight" -> inFlight = positive(flag, value);
        case "--dist" -> dist = Path.of(value);
        case "--launcher" -> launcher = Path.of(value);
        case "--mix" -> mix = words(value);
        default -> throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
      }
    }
    return new BenchOptions(rooms, users, commands, runs, inFlight, dist, launcher, keep, mix);
  }

  private static List<String> words(String value) {
    List<String> words = List.of(value.split(","));
    for (String w : words) {
      if (!LoadFirer.ALL_WORDS.contains(w)) {
        throw new IllegalArgumentException(
            "--mix takes words from " + LoadFirer.ALL_WORDS + ", not " + w);
      }
    }
    return words;
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below with the flag's name.
    }
    throw new IllegalArgumentException(flag + " must be a positive number, not " + value);
  }

  int commands() {
    return rooms * usersPerRoom * commandsPerUser;
  }
}

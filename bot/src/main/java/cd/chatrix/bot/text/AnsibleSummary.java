package cd.chatrix.bot.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the part of a failed run people need: for Ansible the failed tasks with their hosts and the
 * PLAY RECAP; for anything else the error lines or, failing that, the last lines.
 */
public final class AnsibleSummary {
  /** A task's header; Ansible announces a handler as {@code RUNNING HANDLER [name]}. */
  private static final Pattern TASK =
      Pattern.compile("^\\s*(?:TASK|RUNNING HANDLER|HANDLER) \\[(.*)\\]\\s*\\**\\s*$");

  /**
   * What Ansible prints after a failure of a task with {@code ignore_errors}: the run goes on and
   * the recap counts it as ignored, so it is no failure to report.
   */
  private static final String IGNORING = "...ignoring";

  private static final Pattern FAILED =
      Pattern.compile(
          "^\\s*(fatal|failed): \\[([^\\]]+)\\](?: \\(item=.*?\\))?(?::\\s*([A-Z!]+))?"
              + "(?:\\s*=>\\s*(.*))?");
  private static final Pattern RECAP_HOST = Pattern.compile("^\\s*(\\S+)\\s*:\\s*ok=\\d+.*$");
  private static final Pattern MSG = Pattern.compile("\"msg\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final int MAX_MESSAGE = 300;
  private static final int FALLBACK_LINES = 15;

  /** One failing task on one host. */
  public record Failure(String task, String host, String message) {}

  /** What went wrong; {@code tail} is filled only when the output is not recognisably Ansible. */
  public record Summary(List<Failure> failures, List<String> recap, List<String> tail) {
    public boolean isEmpty() {
      return failures.isEmpty() && recap.isEmpty() && tail.isEmpty();
    }
  }

  private AnsibleSummary() {}

  public static Summary of(List<String> rawLines) {
    var failures = new ArrayList<Failure>();
    var recap = new ArrayList<String>();
    var errors = new ArrayList<String>();
    String task = "";
    int unconfirmedFrom = 0; // failures from here on may still be followed by "...ignoring"
    boolean inRecap = false;
    boolean ansible = false;
    var plain = new ArrayList<String>();
    for (String raw : rawLines) {
      plain.add(AnsiLine.strip(raw));
    }
    for (String line : plain) {
      if (line.startsWith("PLAY RECAP")) {
        inRecap = true;
        ansible = true;
        continue;
      }
      if (inRecap) {
        if (RECAP_HOST.matcher(line).matches()) {
          recap.add(line.strip().replaceAll("\\s+", " "));
          continue;
        }
        if (line.isBlank() && recap.isEmpty()) {
          continue;
        }
        inRecap = false;
      }
      Matcher t = TASK.matcher(line);
      if (t.matches()) {
        task = t.group(1);
        ansible = true;
        continue;
      }
      Matcher f = FAILED.matcher(line);
      if (f.find()) {
        failures.add(new Failure(task, f.group(2), message(f.group(3), f.group(4))));
        continue;
      }
      if (line.strip().equals(IGNORING)) {
        failures.subList(unconfirmedFrom, failures.size()).clear();
        continue;
      }
      unconfirmedFrom = failures.size();
      String s = line.strip().replaceFirst("^[│|]\\s*", "");
      if (s.startsWith("Error:") || s.startsWith("ERROR!") || s.startsWith("ERROR:")) {
        errors.add(shorten(s));
      }
    }
    if (ansible && (!failures.isEmpty() || !recap.isEmpty())) {
      return new Summary(List.copyOf(failures), List.copyOf(recap), List.of());
    }
    if (!errors.isEmpty()) {
      return new Summary(
          List.of(),
          List.of(),
          List.copyOf(errors.subList(Math.max(0, errors.size() - 5), errors.size())));
    }
    var nonBlank = plain.stream().filter(l -> !l.isBlank()).toList();
    return new Summary(
        List.of(),
        List.of(),
        List.copyOf(
            nonBlank.subList(Math.max(0, nonBlank.size() - FALLBACK_LINES), nonBlank.size())));
  }

  private static String message(String kind, String json) {
    if (json != null) {
      Matcher m = MSG.matcher(json);
      if (m.find()) {
        return shorten(m.group(1).replace("\\\"", "\"").replace("\\n", " "));
      }
      return shorten(json.strip());
    }
    return kind == null ? "" : kind;
  }

  private static String shorten(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
  }
}

package cd.chatrix.semaphore.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Ansible's default (human) output: {@code TASK […]} headers, {@code fatal:}/{@code failed:}
 * lines and the PLAY RECAP table. Failures followed by {@code ...ignoring} are not counted, as
 * Ansible does not count them.
 */
public final class AnsibleSummariser {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern TASK =
      Pattern.compile("^(?:TASK|RUNNING HANDLER) \\[(.*)\\]\\s*\\**\\s*$");
  private static final Pattern FAILED =
      Pattern.compile(
          "^(?:fatal|failed): \\[([^\\]]+)\\](?: \\(item=.*?\\))?: (FAILED|UNREACHABLE)! => (.*)$");
  private static final Pattern FAILED_ITEM =
      Pattern.compile("^failed: \\[([^\\]]+)\\] \\(item=.*?\\) => (.*)$");
  private static final Pattern RECAP_ROW =
      Pattern.compile(
          "^(\\S+)\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)"
              + "(?:\\s+skipped=(\\d+))?(?:\\s+rescued=(\\d+))?(?:\\s+ignored=(\\d+))?.*$");

  private AnsibleSummariser() {}

  /** Summarises output lines (raw, ANSI codes allowed). */
  public static AnsibleSummary summarise(List<String> rawLines) {
    String task = "";
    boolean inRecap = false;
    List<AnsibleSummary.Failure> failures = new ArrayList<>();
    List<AnsibleSummary.HostRecap> recap = new ArrayList<>();
    for (String raw : rawLines) {
      String line = AnsiParser.strip(raw).strip();
      Matcher m = TASK.matcher(line);
      if (m.matches()) {
        task = m.group(1);
        inRecap = false;
        continue;
      }
      if (line.startsWith("PLAY RECAP")) {
        inRecap = true;
        recap.clear();
        continue;
      }
      if (line.startsWith("...ignoring") && !failures.isEmpty()) {
        failures.removeLast();
        continue;
      }
      if (inRecap) {
        Matcher r = RECAP_ROW.matcher(line);
        if (r.matches()) {
          recap.add(
              new AnsibleSummary.HostRecap(
                  r.group(1),
                  num(r, 2),
                  num(r, 3),
                  num(r, 4),
                  num(r, 5),
                  num(r, 6),
                  num(r, 7),
                  num(r, 8)));
        }
        continue;
      }
      Matcher f = FAILED.matcher(line);
      if (f.matches()) {
        failures.add(
            new AnsibleSummary.Failure(
                task, f.group(1), message(f.group(3)), f.group(2).equals("UNREACHABLE")));
        continue;
      }
      Matcher fi = FAILED_ITEM.matcher(line);
      if (fi.matches()) {
        failures.add(new AnsibleSummary.Failure(task, fi.group(1), message(fi.group(2)), false));
      }
    }
    return new AnsibleSummary(failures, recap);
  }

  private static int num(Matcher m, int group) {
    return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
  }

  /** Ansible's {@code msg} when the result is JSON on one line, else the text as is. */
  private static String message(String result) {
    try {
      JsonNode n = JSON.readTree(result);
      if (n != null && n.path("msg").isString()) {
        return n.get("msg").asString();
      }
    } catch (JacksonException e) {
      // Multi-line or YAML callback output: keep the raw text.
    }
    return result.strip();
  }
}

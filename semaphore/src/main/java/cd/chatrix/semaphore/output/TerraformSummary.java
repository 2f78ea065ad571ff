package cd.chatrix.semaphore.output;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary lines Terraform and OpenTofu print: "Plan: 2 to add, 1 to change, 0 to destroy.", "No
 * changes." and "Apply complete! Resources: 2 added, 1 changed, 0 destroyed." The last occurrence
 * wins.
 */
public record TerraformSummary(Optional<Counts> plan, Optional<Counts> applied, boolean noChanges) {

  /** Resource counts of a plan or an apply. */
  public record Counts(int add, int change, int destroy) {
    /** The three counts put into {@code format}, in the order add, change, destroy. */
    String told(String format) {
      return format.formatted(add, change, destroy);
    }
  }

  private static final Pattern PLAN =
      Pattern.compile("Plan: (\\d+) to add, (\\d+) to change, (\\d+) to destroy");
  private static final Pattern APPLY =
      Pattern.compile("Apply complete! Resources: (\\d+) added, (\\d+) changed, (\\d+) destroyed");

  public static TerraformSummary of(List<String> rawLines) {
    Optional<Counts> plan = Optional.empty();
    Optional<Counts> applied = Optional.empty();
    boolean noChanges = false;
    for (String raw : rawLines) {
      String line = AnsiParser.strip(raw);
      Matcher p = PLAN.matcher(line);
      if (p.find()) {
        plan = Optional.of(counts(p));
        noChanges = false;
      }
      Matcher a = APPLY.matcher(line);
      if (a.find()) {
        applied = Optional.of(counts(a));
      }
      if (line.strip().startsWith("No changes.")) {
        noChanges = true;
      }
    }
    return new TerraformSummary(plan, applied, noChanges);
  }

  public boolean found() {
    return plan.isPresent() || applied.isPresent() || noChanges;
  }

  /** The one line to show in chat, e.g. "Plan: 2 to add, 1 to change, 0 to destroy." */
  public Optional<String> headline() {
    if (applied.isPresent()) {
      return applied.map(c -> c.told("Apply complete: %d added, %d changed, %d destroyed."));
    }
    if (plan.isPresent()) {
      return plan.map(c -> c.told("Plan: %d to add, %d to change, %d to destroy."));
    }
    return noChanges ? Optional.of("No changes.") : Optional.empty();
  }

  private static Counts counts(Matcher m) {
    return new Counts(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }
}

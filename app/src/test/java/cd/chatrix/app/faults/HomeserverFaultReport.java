package cd.chatrix.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the matrix as a Markdown table, in the format both fault matrices share: endpoint | fault
 * | recovered in ms | requests during fault | result.
 */
final class HomeserverFaultReport {
  static final Path FILE = Path.of("target", "fault-matrix", "homeserver.md");

  private HomeserverFaultReport() {}

  static Path write(List<HomeserverCellResult> results, List<String> notes) {
    StringBuilder md = new StringBuilder();
    md.append("# Homeserver fault matrix\n\n");
    md.append("Each fault was on for ")
        .append(HomeserverCell.HOLD.toMillis())
        .append(" ms, then lifted; the bots ran with back-off ")
        .append(HomeserverCell.BACKOFF)
        .append(" (initial, cap).\n\n");
    md.append("| endpoint | fault | recovered in ms | requests during fault | result |\n");
    md.append("|---|---|---|---|---|\n");
    for (HomeserverCellResult r : results) {
      md.append("| ")
          .append(r.endpoint().label())
          .append(" | ")
          .append(r.fault().name())
          .append(" | ")
          .append(r.recoveredMs().isPresent() ? Long.toString(r.recoveredMs().getAsLong()) : "—")
          .append(" | ")
          .append(r.requestsDuringFault())
          .append(" | ")
          .append(r.result().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append("\n");
      notes.forEach(n -> md.append("- ").append(n).append("\n"));
    }
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, md.toString());
      return FILE.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("the fault matrix report could not be written", e);
    }
  }
}

package cd.chatrix.semaphore;

import cd.chatrix.semaphore.model.TaskOutputLine;
import java.util.List;

/** New output lines since a cursor, and the cursor to use next time. */
public record OutputChunk(List<TaskOutputLine> lines, OutputCursor next) {
  public OutputChunk {
    lines = List.copyOf(lines);
  }
}

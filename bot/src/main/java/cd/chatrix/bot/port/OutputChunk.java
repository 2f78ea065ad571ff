package cd.chatrix.bot.port;

import java.util.List;

/**
 * Output lines of a task from a given line offset on; {@code nextOffset} is where to ask next time.
 */
public record OutputChunk(List<String> lines, int nextOffset) {
  public OutputChunk {
    lines = List.copyOf(lines);
  }
}

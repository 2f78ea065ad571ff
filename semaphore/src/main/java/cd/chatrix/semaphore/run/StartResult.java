package cd.chatrix.semaphore.run;

import cd.chatrix.semaphore.model.Task;
import java.util.List;

/** The outcome of asking to start a task: started, or refused before anything was sent. */
public sealed interface StartResult permits StartResult.Started, StartResult.Refused {

  record Started(Task task) implements StartResult {}

  record Refused(List<Refusal> refusals) implements StartResult {
    public Refused {
      refusals = List.copyOf(refusals);
    }
  }
}

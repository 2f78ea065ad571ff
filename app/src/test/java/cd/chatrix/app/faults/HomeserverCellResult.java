package cd.chatrix.app.faults;

import cd.chatrix.testkit.matrix.Faults;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one cell of the matrix found.
 *
 * @param recoveredMs from the lift until the endpoint worked again (the bot's "works again" line,
 *     else the outcome becoming visible); empty when it did not recover
 * @param requestsDuringFault the bot's requests the fault answered
 * @param problems what broke a requirement; empty when the cell passed
 */
record HomeserverCellResult(
    HomeserverEndpoint endpoint,
    Faults.Kind fault,
    OptionalLong recoveredMs,
    int requestsDuringFault,
    List<String> problems) {

  boolean passed() {
    return problems.isEmpty();
  }

  String result() {
    return passed() ? "pass" : "FAIL: " + String.join("; ", problems);
  }
}

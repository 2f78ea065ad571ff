package cd.chatrix.testkit.semaphore;

import java.util.Map;

/**
 * What a task handed to "ansible": the extra variables from the task's {@code environment} merged
 * under the template environment's {@code json} (the template wins on a conflict, reference §2.5),
 * and, apart, the secret variables from the task's {@code secret} field. The real server merges
 * both into one {@code --extra-vars}, secrets last (2.10 {@code services/tasks/LocalJob.go}
 * getEnvironmentExtraVarsJSON: {@code maps.Copy(extraVars, extraSecretVars)}); tests read them
 * apart so they can tell which way a value travelled.
 *
 * @param secretSent whether the request carried a non-empty {@code secret} field at all
 */
public record AnsibleInputs(
    Map<String, Object> extraVars, Map<String, Object> secrets, boolean secretSent) {
  public AnsibleInputs {
    extraVars = Map.copyOf(extraVars);
    secrets = Map.copyOf(secrets);
  }

  /** Names only: the values are secrets. */
  @Override
  public String toString() {
    return "AnsibleInputs[extraVars=" + extraVars.keySet() + ", secrets=" + secrets.keySet() + "]";
  }
}

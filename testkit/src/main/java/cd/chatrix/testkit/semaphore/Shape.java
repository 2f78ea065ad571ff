package cd.chatrix.testkit.semaphore;

/** Which Semaphore release line the simulator imitates in its JSON. */
public enum Shape {
  /** Every key present, {@code null} for absent values and empty lists, no params/task_params. */
  V2_10("2.10.32-d4a2713-1729512345"),
  /**
   * omitempty keys, task {@code params}, template {@code task_params}, output rows with {@code id}.
   */
  V2_12("2.12.4-8c1f2a3-1736420000");

  private final String version;

  Shape(String version) {
    this.version = version;
  }

  public String version() {
    return version;
  }
}

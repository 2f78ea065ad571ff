package cd.chatrix.semaphore.model;

import java.util.List;

/** A template survey variable; {@code type} is "", "int", "enum" or "secret". */
public record SurveyVar(
    String name,
    String title,
    String description,
    String type,
    boolean required,
    List<Value> values) {

  /** One allowed value of an "enum" survey variable. */
  public record Value(String name, String value) {}

  public boolean secret() {
    return "secret".equals(type);
  }
}

package cd.chatrix.semaphore.model;

import java.util.List;

/**
 * A template survey variable; {@code type} is "", "int", "enum" or "secret". {@code defaultValue}
 * is "" when the server has none: releases after 2.10 keep a {@code default_value} the run form
 * starts with ({@code db/Template.go} in {@code semaphoreui/semaphore}); 2.10 has no such field.
 */
public record SurveyVar(
    String name,
    String title,
    String description,
    String type,
    boolean required,
    List<Value> values,
    String defaultValue) {

  public SurveyVar {
    values = values == null ? List.of() : List.copyOf(values);
    defaultValue = defaultValue == null ? "" : defaultValue;
  }

  /** A variable without a default, as 2.10 describes every one. */
  public SurveyVar(
      String name,
      String title,
      String description,
      String type,
      boolean required,
      List<Value> values) {
    this(name, title, description, type, required, values, "");
  }

  /** One allowed value of an "enum" survey variable. */
  public record Value(String name, String value) {}

  public boolean secret() {
    return "secret".equals(type);
  }
}

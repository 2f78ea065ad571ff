package cd.chatrix.bot.port;

import java.util.List;
import java.util.Optional;

/**
 * A survey variable a template asks for, as Semaphore's run form shows it: {@code type} is {@code
 * ""} (text), {@code int}, {@code enum} or {@code secret}; {@code choices} are an enum's options in
 * the template's order; {@code defaultValue} is what the form would send when left alone.
 */
public record SurveyVar(
    String name,
    String title,
    String description,
    String type,
    boolean required,
    Optional<String> defaultValue,
    List<Choice> choices) {

  /** One option of an {@code enum} variable: what people read and what the task receives. */
  public record Choice(String name, String value) {}

  public SurveyVar {
    title = title == null ? "" : title.strip();
    description = description == null ? "" : description.strip();
    type = type == null ? "" : type;
    defaultValue = defaultValue == null ? Optional.empty() : defaultValue.filter(d -> !d.isEmpty());
    choices = List.copyOf(choices);
  }

  /** A variable known by name and type only; enum choices are named by their values. */
  public SurveyVar(String name, boolean required, String type, List<String> values) {
    this(
        name,
        "",
        "",
        type,
        required,
        Optional.empty(),
        values.stream().map(v -> new Choice(v, v)).toList());
  }

  /** The values an {@code enum} accepts, in the template's order. */
  public List<String> values() {
    return choices.stream().map(Choice::value).toList();
  }

  public boolean secret() {
    return "secret".equals(type);
  }

  /** What people call it: its title, else its name. */
  public String label() {
    return title.isEmpty() ? name : title;
  }
}

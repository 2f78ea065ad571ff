package cd.chatrix.bot.port;

import java.util.List;

/** A survey variable a template asks for; {@code values} lists the choices of an enum variable. */
public record SurveyVar(String name, boolean required, String type, List<String> values) {
  public SurveyVar {
    values = List.copyOf(values);
  }
}

package cd.chatrix.app.tui;

import java.util.Objects;

/** A command alias: typing {@code alias} runs {@code command}. */
public record AliasView(String alias, String command) {
  public AliasView {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(command, "command");
  }
}

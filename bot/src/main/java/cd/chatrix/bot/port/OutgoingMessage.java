package cd.chatrix.bot.port;

import java.util.List;
import java.util.Optional;

/**
 * An {@code m.notice} the bot sends: a plain body that reads well alone, an HTML {@code
 * formatted_body} (already escaped by the bot), an optional relation, and the user ids for {@code
 * m.mentions}.
 */
public record OutgoingMessage(
    String body, String html, Optional<Relation> relation, List<String> mentions) {
  public OutgoingMessage {
    relation = relation == null ? Optional.empty() : relation;
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
  }

  public OutgoingMessage withRelation(Relation r) {
    return new OutgoingMessage(body, html, Optional.ofNullable(r), mentions);
  }
}

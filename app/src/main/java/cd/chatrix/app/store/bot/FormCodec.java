package cd.chatrix.app.store.bot;

import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.store.PendingForm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A half-filled run as JSON, written by hand like {@link ConfirmationCodec} (whose request format
 * it shares) so the stored format does not follow refactorings. Secret answers appear by name only.
 */
final class FormCodec {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int FORMAT = 1;

  private FormCodec() {}

  static String encode(PendingForm f) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("id", f.id());
    root.put("room_id", f.roomId());
    root.put("requester", f.requester());
    root.put("command_event_id", f.commandEventId());
    root.put("thread_root", f.threadRoot());
    root.put("project_id", f.projectId());
    root.put("project_name", f.projectName());
    root.put("template_name", f.templateName());
    root.set("request", ConfirmationCodec.request(f.request()));
    ArrayNode vars = root.putArray("vars");
    for (SurveyVar v : f.vars()) {
      ObjectNode n = vars.addObject();
      n.put("name", v.name());
      n.put("title", v.title());
      n.put("description", v.description());
      n.put("type", v.type());
      n.put("required", v.required());
      v.defaultValue().ifPresent(d -> n.put("default", d));
      ArrayNode choices = n.putArray("choices");
      v.choices().forEach(c -> choices.addObject().put("name", c.name()).put("value", c.value()));
    }
    ArrayNode skipped = root.putArray("skipped");
    new TreeSet<>(f.skipped()).forEach(skipped::add);
    f.asking().ifPresent(a -> root.put("asking", a));
    f.confirmationId().ifPresent(c -> root.put("confirmation_id", c));
    f.privateQuestion().ifPresent(q -> root.put("private_question", q));
    root.put("needs_approval", f.needsApproval());
    root.put("created_at", f.createdAt().toString());
    root.put("expires_at", f.expiresAt().toString());
    return JSON.writeValueAsString(root);
  }

  /** The form, or empty when the text is not one this build can read (it is then dropped). */
  static Optional<PendingForm> decode(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      if (root.path("format").asInt(0) != FORMAT) {
        return Optional.empty();
      }
      List<SurveyVar> vars = new ArrayList<>();
      for (JsonNode n : root.path("vars")) {
        List<SurveyVar.Choice> choices = new ArrayList<>();
        for (JsonNode c : n.path("choices")) {
          choices.add(
              new SurveyVar.Choice(c.path("name").asString(""), c.path("value").asString("")));
        }
        vars.add(
            new SurveyVar(
                n.path("name").asString(""),
                n.path("title").asString(""),
                n.path("description").asString(""),
                n.path("type").asString(""),
                n.path("required").asBoolean(false),
                optional(n, "default"),
                choices));
      }
      Set<String> skipped = new TreeSet<>();
      root.path("skipped").forEach(s -> skipped.add(s.asString("")));
      return Optional.of(
          new PendingForm(
              root.path("id").asString(""),
              root.path("room_id").asString(""),
              root.path("requester").asString(""),
              root.path("command_event_id").asString(""),
              root.path("thread_root").asString(""),
              root.path("project_id").asLong(),
              root.path("project_name").asString(""),
              root.path("template_name").asString(""),
              ConfirmationCodec.request(root.path("request")),
              vars,
              skipped,
              optional(root, "asking"),
              optional(root, "confirmation_id"),
              // Absent in forms written before it was kept: the form then matches no reply.
              optional(root, "private_question"),
              root.path("needs_approval").asBoolean(false),
              Instant.parse(root.path("created_at").asString("")),
              Instant.parse(root.path("expires_at").asString(""))));
    } catch (JacksonException | java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> optional(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
  }
}

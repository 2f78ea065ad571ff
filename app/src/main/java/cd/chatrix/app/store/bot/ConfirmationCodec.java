package cd.chatrix.app.store.bot;

import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON payload of a stored confirmation: every field the {@code pending_confirmations} columns
 * do not hold, with times at full precision and the action tagged by {@code type}. Written by hand
 * rather than by reflection so the stored format does not change when a bot record is refactored.
 */
final class ConfirmationCodec {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int FORMAT = 1;

  private ConfirmationCodec() {}

  static String encode(PendingConfirmation c) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("command_event_id", c.commandEventId());
    root.put("prompt_event_id", c.promptEventId());
    root.put("created_at", c.createdAt().toString());
    root.put("expires_at", c.expiresAt().toString());
    root.put("needs_approval", c.needsApproval());
    root.put("requester_confirmed", c.requesterConfirmed());
    c.threadRoot()
        .ifPresentOrElse(t -> root.put("thread_root", t), () -> root.putNull("thread_root"));
    root.set("action", action(c.action()));
    return JSON.writeValueAsString(root);
  }

  static PendingConfirmation decode(String id, String roomId, String requester, String payload) {
    try {
      JsonNode root = JSON.readTree(payload);
      return new PendingConfirmation(
          id,
          roomId,
          requester,
          text(root, "command_event_id"),
          text(root, "prompt_event_id"),
          action(root.path("action")),
          Instant.parse(text(root, "created_at")),
          Instant.parse(text(root, "expires_at")),
          root.path("needs_approval").asBoolean(false),
          root.path("requester_confirmed").asBoolean(false),
          optionalText(root, "thread_root"));
    } catch (JacksonException | java.time.format.DateTimeParseException | StoredFormatException e) {
      throw new IllegalStateException(
          "The stored confirmation "
              + id
              + " cannot be read ("
              + e.getMessage()
              + "); it was written by an incompatible version. Ask the requester to send the"
              + " command again.",
          e);
    }
  }

  private static ObjectNode action(PendingAction action) {
    ObjectNode node = JSON.createObjectNode();
    switch (action) {
      case PendingAction.Run run -> {
        node.put("type", "run");
        node.put("project_id", run.projectId());
        node.put("project_name", run.projectName());
        node.put("template_name", run.templateName());
        node.set("request", request(run.request()));
      }
      case PendingAction.Stop stop -> {
        node.put("type", "stop");
        node.put("project_id", stop.task().projectId());
        node.put("task_id", stop.task().taskId());
        node.put("force", stop.force());
      }
      case PendingAction.Exit exit -> node.put("type", "exit");
    }
    return node;
  }

  private static PendingAction action(JsonNode node) {
    String type = text(node, "type");
    return switch (type) {
      case "run" ->
          new PendingAction.Run(
              node.path("project_id").asLong(),
              text(node, "project_name"),
              text(node, "template_name"),
              request(node.path("request")));
      case "stop" ->
          new PendingAction.Stop(
              new TaskRef(node.path("project_id").asLong(), node.path("task_id").asLong()),
              node.path("force").asBoolean(false));
      case "exit" -> new PendingAction.Exit();
      default -> throw new StoredFormatException("unknown action type \"" + type + "\"");
    };
  }

  static ObjectNode request(TaskRequest r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("template_id", r.templateId());
    node.set("tags", strings(r.tags()));
    node.set("skip_tags", strings(r.skipTags()));
    node.set("limit", strings(r.limit()));
    node.set("arguments", strings(r.arguments()));
    r.branch().ifPresentOrElse(b -> node.put("branch", b), () -> node.putNull("branch"));
    ObjectNode env = node.putObject("environment");
    new TreeMap<>(r.environment()).forEach(env::put);
    // Names only: a secret's value is never written to the store (SqlConfirmationStore keeps it in
    // memory), so a restart leaves the names, and the requester is asked to start again.
    if (!r.secrets().isEmpty()) {
      node.set("secret_names", strings(List.copyOf(r.secrets().names())));
    }
    node.put("dry_run", r.dryRun());
    node.put("diff", r.diff());
    node.put("debug", r.debug());
    node.put("message", r.message());
    return node;
  }

  static TaskRequest request(JsonNode node) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.path("environment").properties()) {
      env.put(e.getKey(), e.getValue().asString());
    }
    return new TaskRequest(
        node.path("template_id").asLong(),
        strings(node.path("tags")),
        strings(node.path("skip_tags")),
        strings(node.path("limit")),
        strings(node.path("arguments")),
        optionalText(node, "branch"),
        env,
        node.path("dry_run").asBoolean(false),
        node.path("diff").asBoolean(false),
        node.path("debug").asBoolean(false),
        node.path("message").asString(""),
        new SecretVars(Map.of(), new java.util.TreeSet<>(strings(node.path("secret_names")))));
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode element : array) {
      out.add(element.asString());
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isString()) {
      throw new StoredFormatException("field \"" + field + "\" is missing");
    }
    return value.stringValue();
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
  }

  /** A payload that parses as JSON but does not have the expected shape. */
  static final class StoredFormatException extends RuntimeException {
    StoredFormatException(String message) {
      super(message);
    }
  }
}

package cd.chatrix.matrix.send;

import tools.jackson.databind.node.ObjectNode;

/** An event about to be sent: its type and content. */
public record OutgoingEvent(String type, ObjectNode content) {}

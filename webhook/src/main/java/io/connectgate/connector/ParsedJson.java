package io.connectgate.connector;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The result of parsing JSON text: the tree (null after a syntax error) and every problem.
 * Duplicate keys do not stop parsing (the last value wins, as in Kafka Connect) so that all
 * of them can be reported.
 */
public record ParsedJson(JsonNode root, List<JsonProblem> problems) {

  public boolean syntaxError() {
    return root == null;
  }
}

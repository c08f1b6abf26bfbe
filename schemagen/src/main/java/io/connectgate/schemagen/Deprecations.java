package io.connectgate.schemagen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reviewed, committed deprecation list ({@code deprecations.json}): ConfigDef carries no
 * deprecation, so renamed and removed keys are written down by hand and merged into the
 * generated defs as {@code x-connectgate-deprecated} (and {@code x-connectgate-removed}).
 */
final class Deprecations {

  private final JsonNode list;

  Deprecations(JsonNode list) {
    this.list = list;
  }

  static Deprecations committed() {
    try (InputStream in = Deprecations.class.getResourceAsStream("deprecations.json")) {
      return new Deprecations(JsonMapper.builder().build().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode list() {
    return list;
  }

  void addTo(String scope, ObjectNode properties) {
    if (scope == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : list.path(scope).properties()) {
      String replacement = e.getValue().path("replacement").asString();
      String removedIn = e.getValue().path("removedIn").asString(null);
      ObjectNode p = properties.has(e.getKey()) ? (ObjectNode) properties.get(e.getKey())
          : properties.putObject(e.getKey());
      if (removedIn != null) {
        p.put("description", "removed in Kafka " + removedIn + " (ignored): use " + replacement);
        p.put("x-connectgate-removed", removedIn);
      }
      p.put("x-connectgate-deprecated", replacement);
    }
  }
}

package io.connectgate.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.PropertiesValidator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Compiles the per-property schemas of plain prefix defs (see {@link ClientPrefix}). */
final class PlainDefs {

  private PlainDefs() {}

  private static final Set<String> PLAIN_DEF_KEYWORDS = Set.of("$ref", "allOf", "properties",
      "type", "description", "title", "$comment", "$id", "$schema", "$defs");

  /**
   * Per-property schemas of a def made only of properties (and allOf/$ref of such defs), or
   * null when the def needs the whole object (required, additionalProperties, ...).
   * Compiled once per def IRI.
   */
  static Map<String, Schema> propertySchemas(SchemaRegistry registry,
      Map<String, JsonNode> documents, String iri, JsonNode def,
      Map<String, Map<String, Schema>> cache) {
    if (cache.containsKey(iri)) {
      return cache.get(iri);
    }
    Map<String, Schema> out = new HashMap<>();
    boolean plain = plainProperties(registry, documents, iri, def, out, 0);
    Map<String, Schema> result = plain ? Map.copyOf(out) : null;
    cache.put(iri, result);
    return result;
  }

  private static boolean plainProperties(SchemaRegistry registry, Map<String, JsonNode> documents,
      String iri, JsonNode def, Map<String, Schema> out, int depth) {
    if (depth > 10 || def == null || !def.isObject()) {
      return false;
    }
    for (String keyword : def.propertyNames()) {
      if (!keyword.startsWith("x-") && !PLAIN_DEF_KEYWORDS.contains(keyword)) {
        return false;
      }
    }
    if (def.has("type") && !"object".equals(def.get("type").asString())) {
      return false;
    }
    String base = iri.contains("#") ? iri : iri + "#";
    if (def.has("$ref")) {
      String target = SchemaRefs.resolve(iri, def.get("$ref").asString());
      if (!plainProperties(registry, documents, target, SchemaRefs.node(documents, target), out,
          depth + 1)) {
        return false;
      }
    }
    int i = 0;
    for (JsonNode sub : def.path("allOf")) {
      if (!plainProperties(registry, documents, base + "/allOf/" + i++, sub, out, depth + 1)) {
        return false;
      }
    }
    if (def.path("properties").isEmpty()) {
      return true;
    }
    // One compilation of the def, whose "properties" keyword holds every property's schema:
    // far cheaper than resolving each property's pointer on its own (a generated client def
    // has a few hundred).
    Schema whole = registry.getSchema(SchemaLocation.of(iri));
    whole.initializeValidators();
    for (KeywordValidator v : whole.getValidators()) {
      if (v instanceof PropertiesValidator properties) {
        out.putAll(properties.getSchemas());
      }
    }
    return true;
  }

}

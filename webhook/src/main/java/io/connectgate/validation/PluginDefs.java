package io.connectgate.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Builds the catalog's {@link PluginIndex}: the plugins listed by {@code x-connectgate-plugins}
 * (class → plugin types) in any schema file, the settings of those that have a def of their
 * own under {@code $defs/<class name>} of the same file, and every claimed connector class.
 */
final class PluginDefs {

  private PluginDefs() {}

  static PluginIndex index(SchemaRegistry registry, Map<String, JsonNode> documents,
      List<ConnectorSchema> schemas, List<String> problems) {
    Map<String, Set<String>> types = new HashMap<>();
    Map<String, Schema> settings = new HashMap<>();
    Map<String, PropertySet> properties = new HashMap<>();
    for (Map.Entry<String, JsonNode> doc : documents.entrySet()) {
      JsonNode list = doc.getValue().get("x-connectgate-plugins");
      if (list == null) {
        continue;
      }
      String file = doc.getKey().substring(SchemaCatalogLoader.BASE_IRI.length());
      if (!list.isObject()) {
        problems.add(file + ": x-connectgate-plugins must be an object: class name → array of"
            + " plugin types");
        continue;
      }
      for (Map.Entry<String, JsonNode> p : list.properties()) {
        Set<String> t = types.computeIfAbsent(p.getKey(), k -> new TreeSet<>());
        p.getValue().forEach(type -> t.add(type.asString()));
        if (doc.getValue().path("$defs").has(p.getKey())) {
          try {
            String iri = doc.getKey() + "#/$defs/"
                + p.getKey().replace("~", "~0").replace("/", "~1");
            Schema s = registry.getSchema(SchemaLocation.of(iri));
            s.initializeValidators();
            settings.put(p.getKey(), s);
            properties.put(p.getKey(), PropertySets.read(documents, iri,
                doc.getValue().path("$defs").path(p.getKey()), file, problems));
          } catch (RuntimeException e) {
            problems.add(file + ": $defs/" + p.getKey() + ": " + e.getMessage());
          }
        }
      }
    }
    for (ConnectorSchema s : schemas) {
      for (String cls : s.claims()) {
        types.computeIfAbsent(cls, k -> new TreeSet<>(Set.of("connector")));
      }
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    types.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return PluginIndex.of(frozen, settings, properties);
  }
}

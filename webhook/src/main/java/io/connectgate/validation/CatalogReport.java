package io.connectgate.validation;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a loaded catalog for the {@code schemas} command: every file (connector schemas
 * and libraries), the classes each claims, which one is the fallback, and where each came
 * from. The JSON shape is documented in README.md ("Usage: schemas").
 */
public final class CatalogReport {

  private final ObjectMapper mapper = JsonMapper.builder().build();

  /** One entry per file, in file-name order. */
  public ObjectNode json(SchemaCatalog catalog) {
    ObjectNode root = mapper.createObjectNode();
    root.put("source", catalog.source());
    ArrayNode files = root.putArray("schemas");
    Map<String, ConnectorSchema> byFile = byFile(catalog);
    for (Map.Entry<String, String> e : catalog.origins().entrySet()) {
      ObjectNode f = files.addObject();
      f.put("file", e.getKey());
      f.put("origin", e.getValue());
      ConnectorSchema s = byFile.get(e.getKey());
      JsonNode doc = catalog.documents().get(SchemaCatalogLoader.BASE_IRI + e.getKey());
      String title = doc == null ? null : doc.path("title").asString(null);
      if (title != null) {
        f.put("title", title);
      }
      f.put("kind", s == null ? "library" : s.fallback() ? "fallback" : "connector");
      ArrayNode claims = f.putArray("claims");
      if (s != null) {
        s.claims().forEach(claims::add);
      }
    }
    return root;
  }

  public String jsonText(SchemaCatalog catalog) {
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json(catalog));
  }

  /** A few lines per file, for people. */
  public String text(SchemaCatalog catalog) {
    StringBuilder sb = new StringBuilder();
    sb.append("schema catalog: ").append(catalog.source()).append('\n');
    Map<String, ConnectorSchema> byFile = byFile(catalog);
    for (Map.Entry<String, String> e : catalog.origins().entrySet()) {
      ConnectorSchema s = byFile.get(e.getKey());
      JsonNode doc = catalog.documents().get(SchemaCatalogLoader.BASE_IRI + e.getKey());
      String title = doc == null ? null : doc.path("title").asString(null);
      sb.append('\n').append(e.getKey());
      if (title != null) {
        sb.append(" — ").append(title);
      }
      sb.append("\n  from: ").append(e.getValue()).append('\n');
      if (s == null) {
        sb.append("  library: claims nothing; other schemas reference its $defs\n");
        continue;
      }
      if (s.fallback()) {
        sb.append("  fallback: validates every connector class no other schema claims\n");
      }
      for (String cls : s.claims()) {
        sb.append("  claims: ").append(cls).append('\n');
      }
    }
    return sb.toString();
  }

  private static Map<String, ConnectorSchema> byFile(SchemaCatalog catalog) {
    Map<String, ConnectorSchema> byFile = new HashMap<>();
    catalog.schemas().forEach(s -> byFile.put(s.file(), s));
    return byFile;
  }
}

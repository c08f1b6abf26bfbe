package io.connectgate.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The loaded connector schemas: which schema handles which connector class, the fallback for
 * unclaimed classes, and the raw schema documents (for messages built from descriptions).
 * Immutable and thread-safe; compiled once at start-up.
 *
 * @param source "built-in" or the directory the schemas came from
 * @param documents every schema file's JSON by its IRI (libraries included)
 */
public record SchemaCatalog(
    String source,
    List<ConnectorSchema> schemas,
    Map<String, ConnectorSchema> byClass,
    ConnectorSchema fallback,
    Map<String, JsonNode> documents) {

  /** The schemas packaged in the jar under {@code /schemas}. */
  public static SchemaCatalog builtIn() {
    return new SchemaCatalogLoader().loadBuiltIn();
  }

  /** Every {@code *.schema.json} in {@code dir}, replacing the built-in catalog. */
  public static SchemaCatalog load(Path dir) {
    return new SchemaCatalogLoader().load(dir);
  }

  /** The schema for a connector class: the one claiming it, else the fallback, else null. */
  public ConnectorSchema schemaFor(String connectorClass) {
    ConnectorSchema s = connectorClass == null ? null : byClass.get(connectorClass);
    return s != null ? s : fallback;
  }
}

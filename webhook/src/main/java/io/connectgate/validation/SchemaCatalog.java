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
 * @param source "built-in", or "built-in + DIR" with {@code --schemas DIR}
 * @param documents every schema file's JSON by its IRI (libraries included)
 * @param origins every file name (libraries included) → "built-in" or the path it was read
 *     from
 * @param plugins the Connect plugins known (Kafka's own and every claimed class) with
 *     Connect's aliases for them, and the settings of those with a generated ConfigDef
 * @param fastChecks validation of the catalog's schemas with networknt run only when needed
 */
public record SchemaCatalog(
    String source,
    List<ConnectorSchema> schemas,
    Map<String, ConnectorSchema> byClass,
    ConnectorSchema fallback,
    Map<String, JsonNode> documents,
    Map<String, String> origins,
    PluginIndex plugins,
    FastChecks fastChecks) {

  /**
   * Loads and initialises what compiling a catalog needs (the JSON Schema dialect, a JSON
   * mapper) and discards it: a start-up warm-up for a thread of its own, so that the real
   * compilation, started moments later, finds that code ready. Touches no file.
   */
  public static void preload() {
    new SchemaCatalogLoader();
  }

  /** The schemas packaged in the jar under {@code /schemas}. */
  public static SchemaCatalog builtIn() {
    return new SchemaCatalogLoader().loadBuiltIn();
  }

  /**
   * The built-in catalog plus every {@code *.schema.json} in {@code dir} ({@code --schemas}):
   * a file named like a built-in one replaces it, any other adds to the catalog.
   */
  public static SchemaCatalog load(Path dir) {
    return new SchemaCatalogLoader().load(dir);
  }

  /**
   * The built-in catalog for the target Kafka version: {@code 3.9}, {@code 4.0}, ... or a
   * release of such a line ({@link KafkaVersions#resolve}); null: the pinned version. Only
   * that version's files are compiled.
   *
   * @throws IllegalArgumentException for a version with no schemas, naming the supported ones
   */
  public static SchemaCatalog builtIn(String kafkaVersion) {
    return new SchemaCatalogLoader().loadBuiltIn(kafkaVersion);
  }

  /** {@link #load(Path)} over the built-in catalog of {@code kafkaVersion} (null: pinned). */
  public static SchemaCatalog load(Path dir, String kafkaVersion) {
    return new SchemaCatalogLoader().load(dir, kafkaVersion);
  }

  /**
   * Only the files of {@code dir}, laid out like the built-in catalog (its kafka-versions.json
   * and kafka-<line>/ directories), for {@code kafkaVersion}: tests over the repository's copy.
   */
  public static SchemaCatalog loadOnly(Path dir, String kafkaVersion) {
    return new SchemaCatalogLoader().loadOnly(dir, kafkaVersion);
  }

  /** Only the {@code *.schema.json} files of {@code dir}, without the built-in catalog. */
  public static SchemaCatalog loadOnly(Path dir) {
    return new SchemaCatalogLoader().loadOnly(dir);
  }

  /**
   * The schema for a connector class, named as Connect accepts it (fully qualified, simple
   * name, or alias without the Connector suffix): the one claiming it, else the fallback,
   * else null.
   */
  public ConnectorSchema schemaFor(String connectorClass) {
    ConnectorSchema s = connectorClass == null ? null : byClass.get(connectorClass);
    if (s == null && connectorClass != null) {
      s = byClass.get(plugins.resolveConnector(connectorClass));
    }
    return s != null ? s : fallback;
  }
}

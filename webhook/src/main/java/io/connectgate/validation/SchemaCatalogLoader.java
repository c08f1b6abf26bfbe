package io.connectgate.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and compiles a schema catalog: every {@code *.schema.json} of a directory (or of the
 * jar's {@code /schemas}). Each file is registered under {@value #BASE_IRI}{@code <file name>}
 * so that {@code $ref} between files ({@code "connect-base.schema.json#/$defs/x"}) resolves
 * the same way from a directory and from the classpath. Every problem is collected and thrown
 * at once. Nothing is logged here: the CLI's stdout carries manifests and reports; callers
 * (serve, schemas) say what they loaded.
 */
final class SchemaCatalogLoader {

  static final String BASE_IRI = "https://schemas.connectgate.io/";

  /** Our extension keywords: data for the engine, nothing for the validator to check. */
  static final List<String> KEYWORDS = List.of("x-connectgate-claims", "x-connectgate-fallback",
      "x-connectgate-rules", "x-connectgate-prefixes", "x-connectgate-client",
      "x-connectgate-derive", "x-connectgate-inject", "x-connectgate-java-regex",
      "x-connectgate-deprecated", "x-connectgate-open-keys", "x-connectgate-sensitive",
      "x-connectgate-removed", "x-connectgate-plugins",
      "x-connectgate-deprecated-without-replacement");
  private static final Dialect DIALECT = dialect();

  private final ObjectMapper mapper = JsonMapper.builder().build();
  // Null: a new BoundedRegexFactory for each build.
  private final RegularExpressionFactory regexes;

  SchemaCatalogLoader() {
    this(null);
  }

  /** With the validator's regular expressions from {@code regexes} (tests count them). */
  SchemaCatalogLoader(RegularExpressionFactory regexes) {
    this.regexes = regexes;
  }

  private static Dialect dialect() {
    Dialect.Builder b = Dialect.builder(Dialects.getDraft202012());
    KEYWORDS.forEach(k -> b.keyword(new NonValidationKeyword(k)));
    // networknt's bounds, with long numeric strings compared in linear time.
    b.keyword(LinearBounds.minimum());
    b.keyword(LinearBounds.maximum());
    return b.build();
  }

  SchemaCatalog loadBuiltIn() {
    return build(SchemaFiles.BUILT_IN, SchemaFiles.builtIn());
  }

  /** The built-in catalog for Kafka {@code version} (null: the pinned version). */
  SchemaCatalog loadBuiltIn(String version) {
    if (version == null) {
      return loadBuiltIn();
    }
    KafkaVersions versions = KafkaVersions.builtIn();
    return build(SchemaFiles.BUILT_IN + kafka(versions, version),
        SchemaFiles.builtIn(versions, version));
  }

  /** " (Kafka 3.9)": how a catalog's source names the version chosen. */
  private static String kafka(KafkaVersions versions, String version) {
    return " (Kafka " + versions.resolve(version) + ")";
  }

  /**
   * The built-in catalog plus every schema file of {@code dir}: a file named like a built-in
   * one replaces it; any other file adds to the catalog (claiming a class another file claims
   * is a start-up error).
   */
  SchemaCatalog load(Path dir) {
    return load(dir, null);
  }

  /** {@link #load(Path)} over the built-in catalog of Kafka {@code version} (null: pinned). */
  SchemaCatalog load(Path dir, String version) {
    Map<String, SchemaFiles.SchemaFile> user = SchemaFiles.directory(dir);
    if (user.isEmpty()) {
      throw new SchemaCatalogException(dir.toString(), List.of("no *" + SchemaFiles.SUFFIX
          + " files (--schemas adds schemas to the built-in catalog; point it at a directory"
          + " holding some)"));
    }
    // Built-ins first, so that a conflict (a class claimed twice, a second fallback) is
    // reported against the user's file rather than the built-in one.
    KafkaVersions versions = version == null ? null : KafkaVersions.builtIn();
    Map<String, SchemaFiles.SchemaFile> merged = new LinkedHashMap<>(version == null
        ? SchemaFiles.builtIn() : SchemaFiles.builtIn(versions, version));
    merged.keySet().removeAll(user.keySet());
    merged.putAll(user);
    return build(SchemaFiles.BUILT_IN + (version == null ? "" : kafka(versions, version))
        + " + " + dir, merged);
  }

  /** Only the schema files of {@code dir}, without the built-in catalog (tests, tools). */
  SchemaCatalog loadOnly(Path dir) {
    return build(dir.toString(), SchemaFiles.directory(dir));
  }

  /** Only {@code dir}, laid out like the built-in catalog, for Kafka {@code version}. */
  SchemaCatalog loadOnly(Path dir, String version) {
    KafkaVersions versions = KafkaVersions.of(dir);
    return build(dir + kafka(versions, version), SchemaFiles.directory(dir, versions, version));
  }

  SchemaCatalog build(String source, Map<String, SchemaFiles.SchemaFile> files) {
    List<String> problems = new ArrayList<>();
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    Map<String, String> byIri = new HashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    Map<String, String> displays = new HashMap<>();
    for (SchemaFiles.SchemaFile f : files.values()) {
      String iri = BASE_IRI + f.name();
      displays.put(f.name(), f.display());
      try {
        JsonNode tree = mapper.readTree(f.text());
        if (!tree.isObject()) {
          problems.add(f.display() + ": not a JSON object");
          continue;
        }
        JsonNode id = tree.get("$id");
        if (id != null && !iri.equals(id.asString())) {
          problems.add(f.display() + ": $id must be absent or \"" + iri + "\" (it is \""
              + id.asString() + "\") so that references between files resolve");
        }
        documents.put(iri, tree);
        byIri.put(iri, f.text());
        origins.put(f.name(), f.origin());
      } catch (JacksonException ex) {
        problems.add(f.display() + ": invalid JSON: " + ex.getOriginalMessage());
      }
    }
    if (files.isEmpty()) {
      problems.add("no *" + SchemaFiles.SUFFIX + " files");
    }
    // Type-loose: Connect accepts "5" for an int and "true" for a boolean, and minimum/maximum
    // then apply to such strings too.
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().typeLoose(true)
        .regularExpressionFactory(regexes != null ? regexes : new BoundedRegexFactory())
        .build();
    SchemaRegistry registry = SchemaRegistry.withDialect(DIALECT,
        b -> b.schemas(Collections.unmodifiableMap(byIri)).schemaRegistryConfig(config));
    // Each file's root node as networknt parsed it: what the fast checks compile from.
    Map<String, JsonNode> parsed = new HashMap<>();

    List<ConnectorSchema> schemas = new ArrayList<>();
    Map<String, ConnectorSchema> byClass = new HashMap<>();
    ConnectorSchema fallback = null;
    for (Map.Entry<String, JsonNode> e : documents.entrySet()) {
      JsonNode tree = e.getValue();
      String file = e.getKey().substring(BASE_IRI.length());
      String display = displays.get(file);
      Schema compiled = compile(registry, e.getKey(), display, problems);
      if (compiled != null) {
        parsed.put(e.getKey(), compiled.getSchemaNode());
      }
      boolean connector = tree.has("x-connectgate-claims") || tree.has("x-connectgate-fallback");
      if (!connector || compiled == null) {
        continue;
      }
      ConnectorSchema cs = ConnectorSchemaReader.read(registry, documents, e.getKey(), file, display,
          origins.get(file), tree, compiled, problems);
      schemas.add(cs);
      for (String cls : cs.claims()) {
        ConnectorSchema previous = byClass.putIfAbsent(cls, cs);
        if (previous != null) {
          problems.add(display + ": connector class " + cls + " is already claimed by "
              + displays.get(previous.file()));
        }
      }
      if (cs.fallback()) {
        if (fallback != null) {
          problems.add(display + ": x-connectgate-fallback is already set by "
              + displays.get(fallback.file()));
        } else {
          fallback = cs;
        }
      }
    }
    if (problems.isEmpty() && schemas.isEmpty()) {
      problems.add("no connector schema (a schema with x-connectgate-claims or"
          + " x-connectgate-fallback)");
    }
    if (!problems.isEmpty()) {
      throw new SchemaCatalogException(source, problems);
    }
    PluginIndex plugins = PluginDefs.index(registry, documents, schemas, problems);
    if (!problems.isEmpty()) {
      throw new SchemaCatalogException(source, problems);
    }
    return new SchemaCatalog(source, List.copyOf(schemas), Map.copyOf(byClass), fallback,
        Collections.unmodifiableMap(documents), Collections.unmodifiableMap(origins), plugins,
        new FastChecks(parsed, config));
  }

  private static Schema compile(SchemaRegistry registry, String iri, String display,
      List<String> problems) {
    try {
      Schema schema = registry.getSchema(SchemaLocation.of(iri));
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      problems.add(display + ": " + e.getMessage());
      return null;
    }
  }
}

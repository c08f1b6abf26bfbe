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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
      "x-connectgate-removed", "x-connectgate-plugins");
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
    SchemaRegistry registry = SchemaRegistry.withDialect(DIALECT,
        b -> b.schemas(Collections.unmodifiableMap(byIri)).schemaRegistryConfig(
            // Type-loose: Connect accepts "5" for an int and "true" for a boolean, and
            // minimum/maximum then apply to such strings too.
            SchemaRegistryConfig.builder().typeLoose(true)
                .regularExpressionFactory(regexes != null ? regexes : new BoundedRegexFactory())
                .build()));

    List<ConnectorSchema> schemas = new ArrayList<>();
    Map<String, ConnectorSchema> byClass = new HashMap<>();
    ConnectorSchema fallback = null;
    for (Map.Entry<String, JsonNode> e : documents.entrySet()) {
      JsonNode tree = e.getValue();
      String file = e.getKey().substring(BASE_IRI.length());
      String display = displays.get(file);
      Schema compiled = compile(registry, e.getKey(), display, problems);
      boolean connector = tree.has("x-connectgate-claims") || tree.has("x-connectgate-fallback");
      if (!connector || compiled == null) {
        continue;
      }
      ConnectorSchema cs = connectorSchema(registry, documents, e.getKey(), file, display,
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
        Collections.unmodifiableMap(documents), Collections.unmodifiableMap(origins), plugins);
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

  /** A sub-schema a connector schema includes at its root ({@code $ref}, {@code allOf}). */
  private record Layer(String iri, JsonNode node) {}

  /**
   * The root and every sub-schema it includes unconditionally ({@code $ref} and
   * {@code allOf}, recursively), outermost first: extension keywords declared on an included
   * sub-schema (prefixes, rules, injected defaults, derivations) apply to the including
   * schema, so families share them through one def ({@code connect-base.schema.json}).
   */
  private static List<Layer> layers(Map<String, JsonNode> documents, String iri, JsonNode root) {
    List<Layer> out = new ArrayList<>();
    collectLayers(documents, iri, root, out, new HashSet<>());
    return out;
  }

  private static void collectLayers(Map<String, JsonNode> documents, String iri, JsonNode node,
      List<Layer> out, Set<String> visited) {
    if (node == null || !node.isObject() || !visited.add(iri) || out.size() > 32) {
      return;
    }
    out.add(new Layer(iri, node));
    if (node.has("$ref")) {
      String target = SchemaRefs.resolve(iri, node.get("$ref").asString());
      collectLayers(documents, target, SchemaRefs.node(documents, target), out, visited);
    }
    int i = 0;
    for (JsonNode sub : node.path("allOf")) {
      collectLayers(documents, (iri.contains("#") ? iri : iri + "#") + "/allOf/" + i++, sub,
          out, visited);
    }
  }

  /**
   * Targeted derivations come as a choice: with targets, exactly one target name is the
   * default, so an unannotated ConfigMap gets one well-defined result.
   */
  private static void checkTargets(String display, List<Derivation> derivations,
      List<String> problems) {
    Set<String> targets = new TreeSet<>();
    Set<String> defaults = new TreeSet<>();
    for (Derivation d : derivations) {
      if (d.target() != null) {
        targets.add(d.target());
        if (d.defaultTarget()) {
          defaults.add(d.target());
        }
      }
    }
    if (!targets.isEmpty() && defaults.size() != 1) {
      problems.add(display + ": x-connectgate-derive targets " + targets + " need exactly one"
          + " default target (entries with \"default\": true), found " + defaults);
    }
  }

  private ConnectorSchema connectorSchema(SchemaRegistry registry, Map<String, JsonNode> documents,
      String iri, String file, String display, String origin, JsonNode tree, Schema compiled,
      List<String> problems) {
    List<String> claims = new ArrayList<>();
    JsonNode claimsNode = tree.path("x-connectgate-claims");
    if (!claimsNode.isMissingNode() && !claimsNode.isArray()) {
      problems.add(display + ": x-connectgate-claims must be an array of connector class names");
    }
    for (JsonNode c : claimsNode) {
      claims.add(c.asString());
    }
    boolean fallback = tree.path("x-connectgate-fallback").asBoolean(false);
    PropertySet properties = PropertySets.read(documents, iri, tree, display, problems);
    List<Layer> layers = layers(documents, iri, tree);

    // Prefixes of every layer; the outer declaration of a prefix wins.
    Map<String, Layer> prefixLayers = new LinkedHashMap<>();
    Map<String, JsonNode> prefixNodes = new LinkedHashMap<>();
    for (Layer layer : layers) {
      for (Map.Entry<String, JsonNode> p : layer.node().path("x-connectgate-prefixes")
          .properties()) {
        if (prefixNodes.putIfAbsent(p.getKey(), p.getValue()) == null) {
          prefixLayers.put(p.getKey(), layer);
        }
      }
    }
    List<ClientPrefix> prefixes = new ArrayList<>();
    Map<String, Map<String, Schema>> compiledProperties = new HashMap<>();
    for (Map.Entry<String, JsonNode> p : prefixNodes.entrySet()) {
      String prefix = p.getKey();
      String ref = p.getValue().isString() ? p.getValue().asString()
          : p.getValue().path("$ref").asString(null);
      String inherits = p.getValue().path("inherits").asString(null);
      if (!prefix.endsWith(".")) {
        problems.add(display + ": prefix " + prefix + " must end with '.'");
      }
      if (ref == null) {
        problems.add(display + ": prefix " + prefix + " needs a $ref to a sub-schema");
        continue;
      }
      String target = SchemaRefs.resolve(prefixLayers.get(prefix).iri(), ref);
      JsonNode def = SchemaRefs.node(documents, target);
      if (def == null) {
        problems.add(display + ": prefix " + prefix + " refers to " + ref
            + ", which does not exist");
        continue;
      }
      if (inherits != null && !ClientPrefix.WORKER.equals(inherits)
          && !prefixNodes.containsKey(inherits)) {
        problems.add(display + ": prefix " + prefix + " inherits " + inherits
            + ", which is not a declared prefix");
      }
      try {
        Schema sub = registry.getSchema(SchemaLocation.of(target));
        sub.initializeValidators();
        PropertySet set = PropertySets.read(documents, target, def, display, problems);
        boolean client = SchemaRefs.followRefs(documents, target, def).path("x-connectgate-client")
            .asBoolean(false);
        prefixes.add(new ClientPrefix(prefix, ref, sub, set, client, inherits,
            PlainDefs.propertySchemas(registry, documents, target, def, compiledProperties)));
      } catch (RuntimeException e) {
        problems.add(display + ": prefix " + prefix + ": " + e.getMessage());
      }
    }
    prefixes.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));

    Map<String, JsonNode> rules = new LinkedHashMap<>();
    for (Layer layer : layers) {
      JsonNode rulesNode = layer.node().path("x-connectgate-rules");
      if (rulesNode.isArray()) {
        rulesNode.forEach(r -> rules.putIfAbsent(r.asString(), mapper.createObjectNode()));
      } else if (rulesNode.isObject()) {
        rulesNode.properties().forEach(r -> rules.putIfAbsent(r.getKey(), r.getValue()));
      } else if (!rulesNode.isMissingNode()) {
        problems.add(display + ": x-connectgate-rules must be an array of rule names or an"
            + " object");
      }
    }
    for (String rule : rules.keySet()) {
      if (!ConfigRules.OPT_IN.contains(rule)) {
        problems.add(display + ": unknown rule " + rule + " in x-connectgate-rules (known: "
            + String.join(", ", new TreeSet<>(ConfigRules.OPT_IN)) + ")");
      }
    }

    Map<String, InjectedDefault> defaults = new LinkedHashMap<>();
    for (Layer layer : layers) {
      for (Map.Entry<String, JsonNode> p : layer.node().path("properties").properties()) {
        if (!p.getValue().path("x-connectgate-inject").asBoolean(false)
            || defaults.containsKey(p.getKey())) {
          continue;
        }
        JsonNode value = p.getValue().get("default");
        if (value == null || value.isContainer()) {
          problems.add(display + ": property " + p.getKey()
              + " has x-connectgate-inject but no string, number or boolean default");
        } else {
          defaults.put(p.getKey(), new InjectedDefault(p.getKey(), value));
        }
      }
    }

    List<Derivation> derivations = new ArrayList<>();
    for (Layer layer : layers) {
      for (JsonNode d : layer.node().path("x-connectgate-derive")) {
        String from = d.path("from").asString(null);
        String to = d.path("to").asString(null);
        List<String> keys = new ArrayList<>();
        d.path("keys").forEach(k -> keys.add(k.asString()));
        if (from == null || to == null || keys.isEmpty()) {
          problems.add(display + ": each x-connectgate-derive entry needs from, to and keys");
          continue;
        }
        JsonNode when = d.path("when");
        String target = d.path("target").asString(null);
        boolean isDefault = d.path("default").asBoolean(false);
        if (isDefault && target == null) {
          problems.add(display + ": an x-connectgate-derive entry with \"default\" needs a"
              + " \"target\"");
        }
        derivations.add(new Derivation(from, to, List.copyOf(keys),
            when.path("key").asString(null), when.path("contains").asString(null),
            when.path("present").asString(null), target, isDefault));
      }
    }
    checkTargets(display, derivations, problems);
    return new ConnectorSchema(file, origin, tree.path("title").asString(null), compiled,
        List.copyOf(claims), fallback, properties, List.copyOf(prefixes),
        Collections.unmodifiableMap(rules), List.copyOf(defaults.values()),
        List.copyOf(derivations));
  }
}

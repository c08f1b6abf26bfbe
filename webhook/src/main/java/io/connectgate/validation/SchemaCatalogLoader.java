package io.connectgate.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
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
      "x-connectgate-deprecated", "x-connectgate-open-keys");
  private static final Dialect DIALECT = dialect();

  private final ObjectMapper mapper = JsonMapper.builder().build();

  private static Dialect dialect() {
    Dialect.Builder b = Dialect.builder(Dialects.getDraft202012());
    KEYWORDS.forEach(k -> b.keyword(new NonValidationKeyword(k)));
    return b.build();
  }

  SchemaCatalog loadBuiltIn() {
    return build("built-in", SchemaFiles.builtIn());
  }

  SchemaCatalog load(Path dir) {
    return build(dir.toString(), SchemaFiles.directory(dir));
  }

  SchemaCatalog build(String source, Map<String, String> texts) {
    List<String> problems = new ArrayList<>();
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    Map<String, String> byIri = new HashMap<>();
    for (Map.Entry<String, String> e : texts.entrySet()) {
      String iri = BASE_IRI + e.getKey();
      try {
        JsonNode tree = mapper.readTree(e.getValue());
        if (!tree.isObject()) {
          problems.add(e.getKey() + ": not a JSON object");
          continue;
        }
        JsonNode id = tree.get("$id");
        if (id != null && !iri.equals(id.asString())) {
          problems.add(e.getKey() + ": $id must be absent or \"" + iri + "\" (it is \""
              + id.asString() + "\") so that references between files resolve");
        }
        documents.put(iri, tree);
        byIri.put(iri, e.getValue());
      } catch (JacksonException ex) {
        problems.add(e.getKey() + ": invalid JSON: " + ex.getOriginalMessage());
      }
    }
    if (texts.isEmpty()) {
      problems.add("no *" + SchemaFiles.SUFFIX + " files");
    }
    SchemaRegistry registry = SchemaRegistry.withDialect(DIALECT,
        b -> b.schemas(Collections.unmodifiableMap(byIri)).schemaRegistryConfig(
            // Type-loose: Connect accepts "5" for an int and "true" for a boolean, and
            // minimum/maximum then apply to such strings too.
            SchemaRegistryConfig.builder().typeLoose(true).build()));

    List<ConnectorSchema> schemas = new ArrayList<>();
    Map<String, ConnectorSchema> byClass = new HashMap<>();
    ConnectorSchema fallback = null;
    for (Map.Entry<String, JsonNode> e : documents.entrySet()) {
      JsonNode tree = e.getValue();
      String file = e.getKey().substring(BASE_IRI.length());
      Schema compiled = compile(registry, e.getKey(), file, problems);
      boolean connector = tree.has("x-connectgate-claims") || tree.has("x-connectgate-fallback");
      if (!connector || compiled == null) {
        continue;
      }
      ConnectorSchema cs = connectorSchema(registry, documents, e.getKey(), file, tree, compiled,
          problems);
      schemas.add(cs);
      for (String cls : cs.claims()) {
        ConnectorSchema previous = byClass.putIfAbsent(cls, cs);
        if (previous != null) {
          problems.add(file + ": connector class " + cls + " is already claimed by "
              + previous.file());
        }
      }
      if (cs.fallback()) {
        if (fallback != null) {
          problems.add(file + ": x-connectgate-fallback is already set by " + fallback.file());
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
    return new SchemaCatalog(source, List.copyOf(schemas), Map.copyOf(byClass), fallback,
        Collections.unmodifiableMap(documents));
  }

  private static Schema compile(SchemaRegistry registry, String iri, String file,
      List<String> problems) {
    try {
      Schema schema = registry.getSchema(SchemaLocation.of(iri));
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      problems.add(file + ": " + e.getMessage());
      return null;
    }
  }

  private ConnectorSchema connectorSchema(SchemaRegistry registry, Map<String, JsonNode> documents,
      String iri, String file, JsonNode tree, Schema compiled, List<String> problems) {
    List<String> claims = new ArrayList<>();
    JsonNode claimsNode = tree.path("x-connectgate-claims");
    if (!claimsNode.isMissingNode() && !claimsNode.isArray()) {
      problems.add(file + ": x-connectgate-claims must be an array of connector class names");
    }
    for (JsonNode c : claimsNode) {
      claims.add(c.asString());
    }
    boolean fallback = tree.path("x-connectgate-fallback").asBoolean(false);
    PropertySet properties = PropertySets.read(documents, iri, tree, file, problems);

    List<ClientPrefix> prefixes = new ArrayList<>();
    Map<String, Map<String, Schema>> compiledProperties = new HashMap<>();
    JsonNode prefixNode = tree.path("x-connectgate-prefixes");
    for (Map.Entry<String, JsonNode> p : prefixNode.properties()) {
      String prefix = p.getKey();
      String ref = p.getValue().isString() ? p.getValue().asString()
          : p.getValue().path("$ref").asString(null);
      String inherits = p.getValue().path("inherits").asString(null);
      if (!prefix.endsWith(".")) {
        problems.add(file + ": prefix " + prefix + " must end with '.'");
      }
      if (ref == null) {
        problems.add(file + ": prefix " + prefix + " needs a $ref to a sub-schema");
        continue;
      }
      String target = SchemaRefs.resolve(iri, ref);
      JsonNode def = SchemaRefs.node(documents, target);
      if (def == null) {
        problems.add(file + ": prefix " + prefix + " refers to " + ref + ", which does not exist");
        continue;
      }
      if (inherits != null && !ClientPrefix.WORKER.equals(inherits)
          && !prefixNode.has(inherits)) {
        problems.add(file + ": prefix " + prefix + " inherits " + inherits
            + ", which is not a declared prefix");
      }
      try {
        Schema sub = registry.getSchema(SchemaLocation.of(target));
        sub.initializeValidators();
        PropertySet set = PropertySets.read(documents, target, def, file, problems);
        boolean client = SchemaRefs.followRefs(documents, target, def).path("x-connectgate-client")
            .asBoolean(false);
        prefixes.add(new ClientPrefix(prefix, ref, sub, set, client, inherits,
            PlainDefs.propertySchemas(registry, documents, target, def, compiledProperties)));
      } catch (RuntimeException e) {
        problems.add(file + ": prefix " + prefix + ": " + e.getMessage());
      }
    }
    prefixes.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));

    Map<String, JsonNode> rules = new LinkedHashMap<>();
    JsonNode rulesNode = tree.path("x-connectgate-rules");
    if (rulesNode.isArray()) {
      rulesNode.forEach(r -> rules.put(r.asString(), mapper.createObjectNode()));
    } else if (rulesNode.isObject()) {
      rulesNode.properties().forEach(r -> rules.put(r.getKey(), r.getValue()));
    } else if (!rulesNode.isMissingNode()) {
      problems.add(file + ": x-connectgate-rules must be an array of rule names or an object");
    }
    for (String rule : rules.keySet()) {
      if (!ConfigRules.OPT_IN.contains(rule)) {
        problems.add(file + ": unknown rule " + rule + " in x-connectgate-rules (known: "
            + String.join(", ", ConfigRules.OPT_IN) + ")");
      }
    }

    List<InjectedDefault> defaults = new ArrayList<>();
    for (Map.Entry<String, JsonNode> p : tree.path("properties").properties()) {
      if (p.getValue().path("x-connectgate-inject").asBoolean(false)) {
        JsonNode value = p.getValue().get("default");
        if (value == null || value.isContainer()) {
          problems.add(file + ": property " + p.getKey()
              + " has x-connectgate-inject but no string, number or boolean default");
        } else {
          defaults.add(new InjectedDefault(p.getKey(), value));
        }
      }
    }

    List<Derivation> derivations = new ArrayList<>();
    for (JsonNode d : tree.path("x-connectgate-derive")) {
      String from = d.path("from").asString(null);
      String to = d.path("to").asString(null);
      List<String> keys = new ArrayList<>();
      d.path("keys").forEach(k -> keys.add(k.asString()));
      if (from == null || to == null || keys.isEmpty()) {
        problems.add(file + ": each x-connectgate-derive entry needs from, to and keys");
        continue;
      }
      JsonNode when = d.path("when");
      derivations.add(new Derivation(from, to, List.copyOf(keys),
          when.path("key").asString(null), when.path("contains").asString(null)));
    }
    return new ConnectorSchema(file, tree.path("title").asString(null), compiled,
        List.copyOf(claims), fallback, properties, List.copyOf(prefixes),
        Collections.unmodifiableMap(rules), List.copyOf(defaults), List.copyOf(derivations));
  }
}

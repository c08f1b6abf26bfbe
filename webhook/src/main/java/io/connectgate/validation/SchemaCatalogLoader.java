package io.connectgate.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
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
  private static final String SUFFIX = ".schema.json";

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
    URL url = SchemaCatalog.class.getResource("/schemas");
    if (url == null) {
      throw new SchemaCatalogException("built-in", List.of("no /schemas directory on the classpath"));
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        boolean opened = false;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
          opened = true;
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        try {
          return build("built-in", read(fs.provider().getPath(uri)));
        } finally {
          if (opened) {
            fs.close();
          }
        }
      }
      return build("built-in", read(Path.of(uri)));
    } catch (IOException | URISyntaxException e) {
      throw new SchemaCatalogException("built-in", List.of("cannot read /schemas: " + e));
    }
  }

  SchemaCatalog load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new SchemaCatalogException(dir.toString(), List.of("not a directory"));
    }
    try {
      return build(dir.toString(), read(dir));
    } catch (IOException e) {
      throw new SchemaCatalogException(dir.toString(), List.of("cannot read: " + e));
    }
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(SUFFIX) && Files.isRegularFile(p)) {
          texts.put(name, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return texts;
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
      problems.add("no *" + SUFFIX + " files");
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
    PropertySet properties = properties(documents, iri, tree, file, problems);

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
      String target = resolve(iri, ref);
      JsonNode def = node(documents, target);
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
        PropertySet set = properties(documents, target, def, file, problems);
        boolean client = followRefs(documents, target, def).path("x-connectgate-client")
            .asBoolean(false);
        prefixes.add(new ClientPrefix(prefix, ref, sub, set, client, inherits,
            propertySchemas(registry, documents, target, def, compiledProperties)));
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

  private static final Set<String> PLAIN_DEF_KEYWORDS = Set.of("$ref", "allOf", "properties",
      "type", "description", "title", "$comment", "$id", "$schema", "$defs");

  /**
   * Per-property schemas of a def made only of properties (and allOf/$ref of such defs), or
   * null when the def needs the whole object (required, additionalProperties, ...).
   * Compiled once per def IRI.
   */
  private static Map<String, Schema> propertySchemas(SchemaRegistry registry,
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
      String target = resolve(iri, def.get("$ref").asString());
      if (!plainProperties(registry, documents, target, node(documents, target), out,
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
    for (String name : def.path("properties").propertyNames()) {
      String pointer = base + "/properties/" + name.replace("~", "~0").replace("/", "~1");
      Schema schema = registry.getSchema(SchemaLocation.of(pointer));
      schema.initializeValidators();
      out.put(name, schema);
    }
    return true;
  }

  /** The IRI of {@code ref} seen from the file at {@code baseIri}. */
  static String resolve(String baseIri, String ref) {
    String file = baseIri.contains("#") ? baseIri.substring(0, baseIri.indexOf('#')) : baseIri;
    if (ref.startsWith("#")) {
      return file + ref;
    }
    return ref.contains("://") ? ref : BASE_IRI + ref;
  }

  /** The JSON node at an IRI with an optional JSON Pointer fragment, or null. */
  static JsonNode node(Map<String, JsonNode> documents, String iri) {
    int hash = iri.indexOf('#');
    JsonNode doc = documents.get(hash < 0 ? iri : iri.substring(0, hash));
    if (doc == null) {
      return null;
    }
    if (hash < 0 || hash == iri.length() - 1) {
      return doc;
    }
    JsonNode n = doc.at(iri.substring(hash + 1));
    return n.isMissingNode() ? null : n;
  }

  private static JsonNode followRefs(Map<String, JsonNode> documents, String iri, JsonNode node) {
    JsonNode current = node;
    String at = iri;
    for (int i = 0; i < 10 && current.has("$ref") && !current.has("x-connectgate-client"); i++) {
      at = resolve(at, current.get("$ref").asString());
      JsonNode next = node(documents, at);
      if (next == null) {
        break;
      }
      current = next;
    }
    return current;
  }

  private PropertySet properties(Map<String, JsonNode> documents, String iri, JsonNode node,
      String file, List<String> problems) {
    Set<String> names = new HashSet<>();
    List<Pattern> patterns = new ArrayList<>();
    Map<String, String> deprecated = new HashMap<>();
    Set<String> javaRegex = new HashSet<>();
    collect(documents, iri, node, names, patterns, deprecated, javaRegex, file, problems,
        new HashSet<>());
    return new PropertySet(Set.copyOf(names), List.copyOf(patterns), Map.copyOf(deprecated),
        Set.copyOf(javaRegex));
  }

  private void collect(Map<String, JsonNode> documents, String iri, JsonNode node,
      Set<String> names, List<Pattern> patterns, Map<String, String> deprecated,
      Set<String> javaRegex, String file, List<String> problems, Set<String> visited) {
    if (node == null || !node.isObject() || !visited.add(iri)) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
      names.add(p.getKey());
      JsonNode dep = p.getValue().get("x-connectgate-deprecated");
      if (dep != null) {
        deprecated.put(p.getKey(), dep.asString());
      }
      if (p.getValue().path("x-connectgate-java-regex").asBoolean(false)) {
        javaRegex.add(p.getKey());
      }
    }
    List<String> open = new ArrayList<>(node.path("patternProperties").propertyNames());
    node.path("x-connectgate-open-keys").forEach(k -> open.add(k.asString()));
    for (String pattern : open) {
      try {
        patterns.add(Pattern.compile(pattern));
      } catch (PatternSyntaxException e) {
        problems.add(file + ": patternProperties " + pattern + " is not a valid regex");
      }
    }
    if (node.has("$ref")) {
      String target = resolve(iri, node.get("$ref").asString());
      JsonNode ref = node(documents, target);
      if (ref == null) {
        problems.add(file + ": $ref " + node.get("$ref").asString() + " does not resolve");
      } else {
        collect(documents, target, ref, names, patterns, deprecated, javaRegex, file, problems,
            visited);
      }
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      int i = 0;
      for (JsonNode sub : node.path(combinator)) {
        collect(documents, (iri.contains("#") ? iri : iri + "#") + "/" + combinator + "/" + i++, sub, names, patterns, deprecated,
            javaRegex, file, problems, visited);
      }
    }
  }
}

package io.connectgate.validation;

import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.utils.JsonType;
import com.networknt.schema.utils.TypeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Compiles a JSON Schema into a {@link FastCheck}, or refuses: a schema that uses anything
 * beyond the keywords the catalog's generated and hand-written schemas use (type, minimum,
 * maximum, pattern, minLength, enum, const, properties, required, propertyNames, allOf, anyOf,
 * not, if/then/else, $ref to a catalog file, annotations) gets no fast check, and networknt
 * alone decides it. Refusing is always safe; so is a wrong UNSURE, never a wrong PASS or FAIL.
 *
 * <p>It reads the schema nodes networknt itself parsed (numbers as networknt sees them decide
 * how a bound compares), resolves references the way the catalog lays files out (all under one
 * base IRI), and asks the registry's own regular-expression factory for patterns, so a pattern
 * runs under the same step budget. Not thread-safe; {@link FastChecks} serialises it.
 */
final class FastCheckCompiler {

  static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  /** Keywords that never fail an instance in networknt's 2020-12 dialect as the catalog builds it. */
  private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default",
      "examples", "$comment", "deprecated", "readOnly", "writeOnly", "$defs", "then", "else");

  private static final int MAX_DEPTH = 64;

  private final Map<String, JsonNode> documents;
  private final SchemaRegistryConfig config;
  private final Map<String, FastCheck> byIri = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final Set<String> extensions = Set.copyOf(SchemaCatalogLoader.KEYWORDS);

  /**
   * @param documents each catalog file's root schema node as networknt parsed it, by file IRI
   * @param config the registry's settings (type-loose, the regular-expression factory)
   */
  FastCheckCompiler(Map<String, JsonNode> documents, SchemaRegistryConfig config) {
    this.documents = documents;
    this.config = config;
  }

  /** The check for {@code schema} found in the file at {@code fileIri}, or null (refused). */
  FastCheck compile(JsonNode schema, String fileIri) {
    try {
      return schema(schema, fileIri, 0);
    } catch (Refused e) {
      return null;
    }
  }

  private FastCheck schema(JsonNode node, String fileIri, int depth) {
    if (depth > MAX_DEPTH) {
      throw new Refused();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? FastCheck.ALWAYS : FastCheck.NEVER;
    }
    if (!node.isObject()) {
      throw new Refused();
    }
    boolean root = node == documents.get(fileIri);
    List<FastCheck> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode value = e.getValue();
      switch (e.getKey()) {
        case "$schema" -> require(root && DRAFT_2020_12.equals(value.asString(null)));
        case "$id" -> require(root && fileIri.equals(value.asString(null)));
        case "$ref" -> checks.add(reference(fileIri, value, depth));
        case "type" -> {
          require(value.isString() && !node.has("enum"));
          checks.add(new FastLeaves.Type(TypeFactory.getSchemaNodeType(value), config));
        }
        case "minimum", "maximum" -> {
          require(value.isNumber());
          boolean typed = (value.isLong() || value.isInt()) && integerType(node);
          checks.add(FastLeaves.Bound.create(value, e.getKey().equals("minimum"), typed, config));
        }
        case "pattern" -> {
          require(value.isString());
          checks.add(new FastLeaves.Pattern(
              config.getRegularExpressionFactory().getRegularExpression(value.asString()), config));
        }
        case "minLength" -> checks.add(new FastLeaves.MinLength(
            value.canConvertToExactIntegral() ? value.intValue() : Integer.MIN_VALUE, config));
        case "enum" -> {
          require(value.isArray());
          value.forEach(v -> require(!v.isContainer()));
          checks.add(FastLeaves.Enum.of(value, config));
        }
        case "const" -> checks.add(new FastLeaves.Const(value));
        case "properties" -> checks.add(properties(value, fileIri, depth));
        case "required" -> checks.add(required(value));
        case "propertyNames" -> checks.add(new FastCheck.PropertyNames(schema(value, fileIri, depth + 1)));
        case "allOf" -> checks.add(FastCheck.AllOf.of(list(value, fileIri, depth)));
        case "anyOf" -> checks.add(new FastCheck.AnyOf(
            list(value, fileIri, depth).toArray(FastCheck[]::new)));
        case "not" -> checks.add(new FastCheck.Not(schema(value, fileIri, depth + 1)));
        case "if" -> checks.add(new FastCheck.If(schema(value, fileIri, depth + 1),
            branch(node.get("then"), fileIri, depth), branch(node.get("else"), fileIri, depth)));
        default -> require(ANNOTATIONS.contains(e.getKey()) || extensions.contains(e.getKey()));
      }
    }
    return FastCheck.AllOf.of(checks);
  }

  private FastCheck branch(JsonNode node, String fileIri, int depth) {
    return node == null ? FastCheck.ALWAYS : schema(node, fileIri, depth + 1);
  }

  private List<FastCheck> list(JsonNode array, String fileIri, int depth) {
    require(array.isArray() && !array.isEmpty());
    List<FastCheck> out = new ArrayList<>();
    for (JsonNode sub : array) {
      out.add(schema(sub, fileIri, depth + 1));
    }
    return out;
  }

  private FastCheck properties(JsonNode map, String fileIri, int depth) {
    require(map.isObject());
    Map<String, FastCheck> byName = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      FastCheck check = schema(e.getValue(), fileIri, depth + 1);
      if (check != FastCheck.ALWAYS) {
        byName.put(e.getKey(), check);
      }
    }
    return new FastCheck.Properties(Map.copyOf(byName));
  }

  private static FastCheck required(JsonNode names) {
    require(names.isArray());
    List<String> out = new ArrayList<>();
    for (JsonNode n : names) {
      require(n.isString());
      out.add(n.asString());
    }
    return new FastCheck.Required(out.toArray(String[]::new));
  }

  /**
   * A {@code $ref} within the catalog: "#/pointer" or "file.schema.json#/pointer", nothing that
   * needs percent-decoding, anchors or paths (which the catalog's layout never produces).
   */
  private FastCheck reference(String fileIri, JsonNode ref, int depth) {
    require(ref.isString());
    String text = ref.asString();
    int hash = text.indexOf('#');
    String file = hash < 0 ? text : text.substring(0, hash);
    String pointer = hash < 0 ? "" : text.substring(hash + 1);
    require(!file.contains("/") && !file.startsWith(".") && !text.contains("%")
        && (pointer.isEmpty() || pointer.startsWith("/")));
    String targetFile = file.isEmpty() ? fileIri : SchemaCatalogLoader.BASE_IRI + file;
    String iri = targetFile + "#" + pointer;
    FastCheck done = byIri.get(iri);
    if (done != null) {
      return done;
    }
    require(inProgress.add(iri)); // a cycle: refused
    try {
      JsonNode doc = documents.get(targetFile);
      require(doc != null);
      JsonNode target = pointer.isEmpty() ? doc : doc.at(pointer);
      require(!target.isMissingNode());
      FastCheck check = schema(target, targetFile, depth + 1);
      byIri.put(iri, check);
      return check;
    } finally {
      inProgress.remove(iri);
    }
  }

  /** As networknt's bound validators read "type" for an integer threshold. */
  private static boolean integerType(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return false;
    }
    if (type.isString()) {
      return JsonType.INTEGER.toString().equals(type.stringValue());
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.isString() && JsonType.INTEGER.toString().equals(t.stringValue())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void require(boolean supported) {
    if (!supported) {
      throw new Refused();
    }
  }

  /** Unwinds a compilation that meets something it does not mirror. */
  private static final class Refused extends RuntimeException {
    Refused() {
      super(null, null, false, false);
    }
  }
}

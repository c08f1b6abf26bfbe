package io.connectgate.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/** Reads a {@link PropertySet} from schema JSON, following {@code $ref} and combinators. */
final class PropertySets {

  private PropertySets() {}

  static PropertySet read(Map<String, JsonNode> documents, String iri, JsonNode node,
      String file, List<String> problems) {
    Set<String> names = new HashSet<>();
    List<Pattern> patterns = new ArrayList<>();
    Map<String, String> deprecated = new HashMap<>();
    Map<String, String> removed = new HashMap<>();
    Map<String, String> withoutReplacement = new HashMap<>();
    Set<String> sensitive = new HashSet<>();
    Set<String> javaRegex = new HashSet<>();
    Set<String> javaRegexLists = new HashSet<>();
    collect(documents, iri, node, names, patterns, deprecated, javaRegex, javaRegexLists, file,
        problems, new HashSet<>());
    collectAnnotations(documents, iri, node, removed, sensitive, withoutReplacement, file,
        problems, new HashSet<>());
    return new PropertySet(Set.copyOf(names), List.copyOf(patterns), Map.copyOf(deprecated),
        Set.copyOf(javaRegex), Set.copyOf(javaRegexLists), Map.copyOf(removed),
        Set.copyOf(sensitive), Map.copyOf(withoutReplacement));
  }

  /**
   * {@code x-connectgate-removed}, {@code x-connectgate-sensitive} and
   * {@code x-connectgate-deprecated-without-replacement} of every property, following the same
   * includes (the including schema's annotation wins).
   */
  private static void collectAnnotations(Map<String, JsonNode> documents, String iri,
      JsonNode node, Map<String, String> removed, Set<String> sensitive,
      Map<String, String> withoutReplacement, String file, List<String> problems,
      Set<String> visited) {
    if (node == null || !node.isObject() || !visited.add(iri)) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
      JsonNode version = p.getValue().get("x-connectgate-removed");
      if (version != null) {
        removed.putIfAbsent(p.getKey(), version.asString());
      }
      JsonNode without = p.getValue().get("x-connectgate-deprecated-without-replacement");
      if (without != null && without.isBoolean()) {
        if (without.booleanValue()) {
          withoutReplacement.putIfAbsent(p.getKey(), ""); // no Kafka release removes it yet
        }
      } else if (without != null && without.isString() && !without.stringValue().isBlank()) {
        withoutReplacement.putIfAbsent(p.getKey(), without.stringValue());
      } else if (without != null) {
        problems.add(file + ": x-connectgate-deprecated-without-replacement of " + p.getKey()
            + " must be true or the Kafka version that removes it");
      }
      if (p.getValue().path("x-connectgate-sensitive").asBoolean(false)) {
        sensitive.add(p.getKey());
      }
    }
    if (node.has("$ref")) {
      String target = SchemaRefs.resolve(iri, node.get("$ref").asString());
      collectAnnotations(documents, target, SchemaRefs.node(documents, target), removed,
          sensitive, withoutReplacement, file, problems, visited);
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      int i = 0;
      for (JsonNode sub : node.path(combinator)) {
        collectAnnotations(documents, (iri.contains("#") ? iri : iri + "#") + "/" + combinator
            + "/" + i++, sub, removed, sensitive, withoutReplacement, file, problems, visited);
      }
    }
  }

  private static void collect(Map<String, JsonNode> documents, String iri, JsonNode node,
      Set<String> names, List<Pattern> patterns, Map<String, String> deprecated,
      Set<String> javaRegex, Set<String> javaRegexLists, String file, List<String> problems,
      Set<String> visited) {
    if (node == null || !node.isObject() || !visited.add(iri)) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
      names.add(p.getKey());
      JsonNode dep = p.getValue().get("x-connectgate-deprecated");
      if (dep != null) {
        deprecated.putIfAbsent(p.getKey(), dep.asString()); // the outer level wins, as for the others
      }
      JsonNode regex = p.getValue().path("x-connectgate-java-regex");
      if (regex.isString() && "list".equals(regex.stringValue())) {
        javaRegexLists.add(p.getKey());
      } else if (regex.isBoolean()) {
        if (regex.booleanValue()) {
          javaRegex.add(p.getKey());
        }
      } else if (!regex.isMissingNode()) {
        problems.add(file + ": x-connectgate-java-regex of " + p.getKey()
            + " must be true or \"list\"");
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
      String target = SchemaRefs.resolve(iri, node.get("$ref").asString());
      JsonNode ref = SchemaRefs.node(documents, target);
      if (ref == null) {
        problems.add(file + ": $ref " + node.get("$ref").asString() + " does not resolve");
      } else {
        collect(documents, target, ref, names, patterns, deprecated, javaRegex, javaRegexLists,
            file, problems, visited);
      }
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      int i = 0;
      for (JsonNode sub : node.path(combinator)) {
        collect(documents, (iri.contains("#") ? iri : iri + "#") + "/" + combinator + "/" + i++,
            sub, names, patterns, deprecated, javaRegex, javaRegexLists, file, problems, visited);
      }
    }
  }
}

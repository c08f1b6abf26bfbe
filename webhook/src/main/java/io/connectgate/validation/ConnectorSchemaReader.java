package io.connectgate.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads one connector schema's extension keywords (claims, prefixes, rules, injected defaults,
 * derivations) into a {@link ConnectorSchema}, from its root and every sub-schema the root
 * includes ({@link #layers}). Problems are added to the caller's list, each naming the file;
 * {@link SchemaCatalogLoader} reports them all at once.
 */
final class ConnectorSchemaReader {

  private final SchemaRegistry registry;
  private final Map<String, JsonNode> documents;
  private final String display;
  private final List<String> problems;

  private ConnectorSchemaReader(SchemaRegistry registry, Map<String, JsonNode> documents, String display,
      List<String> problems) {
    this.registry = registry;
    this.documents = documents;
    this.display = display;
    this.problems = problems;
  }

  /** The connector schema of file {@code file} (registered as {@code iri}), compiled as {@code compiled}. */
  static ConnectorSchema read(SchemaRegistry registry, Map<String, JsonNode> documents, String iri, String file,
      String display, String origin, JsonNode tree, Schema compiled, List<String> problems) {
    return new ConnectorSchemaReader(registry, documents, display, problems).read(iri, file, origin, tree, compiled);
  }

  private ConnectorSchema read(String iri, String file, String origin, JsonNode tree, Schema compiled) {
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
    List<Layer> layers = layers(iri, tree);
    // In this order, so that problems are listed as the file declares things.
    List<ClientPrefix> prefixes = prefixes(layers);
    Map<String, JsonNode> rules = rules(layers);
    Map<String, InjectedDefault> defaults = injectedDefaults(layers);
    List<Derivation> derivations = derivations(layers);
    checkTargets(derivations);
    return new ConnectorSchema(file, origin, tree.path("title").asString(null), compiled,
        List.copyOf(claims), fallback, properties, List.copyOf(prefixes), Collections.unmodifiableMap(rules),
        List.copyOf(defaults.values()), List.copyOf(derivations));
  }

  /** A sub-schema a connector schema includes at its root ({@code $ref}, {@code allOf}). */
  private record Layer(String iri, JsonNode node) {}

  /**
   * The root and every sub-schema it includes unconditionally ({@code $ref} and
   * {@code allOf}, recursively), outermost first: extension keywords declared on an included
   * sub-schema (prefixes, rules, injected defaults, derivations) apply to the including
   * schema, so families share them through one def ({@code connect-base.schema.json}).
   */
  private List<Layer> layers(String iri, JsonNode root) {
    List<Layer> out = new ArrayList<>();
    collectLayers(iri, root, out, new HashSet<>());
    return out;
  }

  private void collectLayers(String iri, JsonNode node, List<Layer> out, Set<String> visited) {
    if (node == null || !node.isObject() || !visited.add(iri) || out.size() > 32) {
      return;
    }
    out.add(new Layer(iri, node));
    if (node.has("$ref")) {
      String target = SchemaRefs.resolve(iri, node.get("$ref").asString());
      collectLayers(target, SchemaRefs.node(documents, target), out, visited);
    }
    int i = 0;
    for (JsonNode sub : node.path("allOf")) {
      collectLayers((iri.contains("#") ? iri : iri + "#") + "/allOf/" + i++, sub, out, visited);
    }
  }

  /** The client prefixes of every layer, longest first; the outer declaration of a prefix wins. */
  private List<ClientPrefix> prefixes(List<Layer> layers) {
    Map<String, Layer> prefixLayers = new LinkedHashMap<>();
    Map<String, JsonNode> prefixNodes = new LinkedHashMap<>();
    for (Layer layer : layers) {
      for (Map.Entry<String, JsonNode> p : layer.node().path("x-connectgate-prefixes").properties()) {
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
        problems.add(display + ": prefix " + prefix + " refers to " + ref + ", which does not exist");
        continue;
      }
      if (inherits != null && !ClientPrefix.WORKER.equals(inherits) && !prefixNodes.containsKey(inherits)) {
        problems.add(display + ": prefix " + prefix + " inherits " + inherits + ", which is not a declared prefix");
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
    return prefixes;
  }

  /** The opt-in rules of every layer with their options, by name; the outer declaration wins. */
  private Map<String, JsonNode> rules(List<Layer> layers) {
    Map<String, JsonNode> rules = new LinkedHashMap<>();
    for (Layer layer : layers) {
      JsonNode rulesNode = layer.node().path("x-connectgate-rules");
      if (rulesNode.isArray()) {
        rulesNode.forEach(r -> rules.putIfAbsent(r.asString(), JsonNodeFactory.instance.objectNode()));
      } else if (rulesNode.isObject()) {
        rulesNode.properties().forEach(r -> rules.putIfAbsent(r.getKey(), r.getValue()));
      } else if (!rulesNode.isMissingNode()) {
        problems.add(display + ": x-connectgate-rules must be an array of rule names or an object");
      }
    }
    for (String rule : rules.keySet()) {
      if (!ConfigRules.OPT_IN.contains(rule)) {
        problems.add(display + ": unknown rule " + rule + " in x-connectgate-rules (known: "
            + String.join(", ", new TreeSet<>(ConfigRules.OPT_IN)) + ")");
      }
    }
    return rules;
  }

  /** The properties marked {@code x-connectgate-inject} with their defaults, by key; the outer one wins. */
  private Map<String, InjectedDefault> injectedDefaults(List<Layer> layers) {
    Map<String, InjectedDefault> defaults = new LinkedHashMap<>();
    for (Layer layer : layers) {
      for (Map.Entry<String, JsonNode> p : layer.node().path("properties").properties()) {
        if (!p.getValue().path("x-connectgate-inject").asBoolean(false) || defaults.containsKey(p.getKey())) {
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
    return defaults;
  }

  /** The {@code x-connectgate-derive} entries of every layer, outermost first. */
  private List<Derivation> derivations(List<Layer> layers) {
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
          problems.add(display + ": an x-connectgate-derive entry with \"default\" needs a \"target\"");
        }
        derivations.add(new Derivation(from, to, List.copyOf(keys),
            when.path("key").asString(null), when.path("contains").asString(null),
            when.path("present").asString(null), target, isDefault));
      }
    }
    return derivations;
  }

  /**
   * Targeted derivations come as a choice: with targets, exactly one target name is the
   * default, so an unannotated ConfigMap gets one well-defined result.
   */
  private void checkTargets(List<Derivation> derivations) {
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
}

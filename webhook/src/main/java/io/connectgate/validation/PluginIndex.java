package io.connectgate.validation;

import com.networknt.schema.Schema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Connect plugins the catalog knows (Kafka's own, from {@code x-connectgate-plugins} of the
 * generated {@code kafka-plugins.schema.json}, plus every class a schema claims) and the
 * aliases Connect accepts for them, computed as Connect's {@code PluginUtils.computeAliases}
 * does: a plugin's simple class name and its simple name pruned at the last occurrence of its
 * type's suffix ({@code Connector} for connectors, {@code Converter}, {@code Transformation},
 * {@code Predicate}, ...) each name it, unless the same alias names two plugins — then it
 * names nothing, as in Connect.
 *
 * @param types class name → plugin types ({@code source}, {@code sink}, {@code converter}, ...)
 * @param aliases alias → class name (only unambiguous aliases)
 * @param settings class name → compiled schema of the plugin's own ConfigDef, if generated
 * @param properties class name → what its def declares beyond types: settings that must
 *     compile as Java regular expressions ({@code x-connectgate-java-regex}, e.g. RegexRouter's
 *     {@code regex}) and deprecated or removed ones (ReplaceField's {@code blacklist})
 */
public record PluginIndex(Map<String, Set<String>> types, Map<String, String> aliases,
    Map<String, Schema> settings, Map<String, PropertySet> properties) {

  /** Connect's PluginType.simpleName() per type: the suffix pruned from an alias. */
  private static final Map<String, String> SUFFIX = Map.of(
      "source", "Connector", "sink", "Connector", "connector", "Connector",
      "converter", "Converter", "header_converter", "HeaderConverter",
      "transformation", "Transformation", "predicate", "Predicate",
      "config_provider", "ConfigProvider", "rest_extension", "ConnectRestExtension",
      "connector_client_config_override_policy", "ConnectorClientConfigOverridePolicy");

  public static final PluginIndex EMPTY = new PluginIndex(Map.of(), Map.of(), Map.of(),
      Map.of());

  static PluginIndex of(Map<String, Set<String>> types, Map<String, Schema> settings,
      Map<String, PropertySet> properties) {
    Map<String, Set<String>> collisions = new HashMap<>();
    for (Map.Entry<String, Set<String>> e : types.entrySet()) {
      String simple = simpleName(e.getKey());
      collisions.computeIfAbsent(simple, k -> new HashSet<>()).add(e.getKey());
      for (String type : e.getValue()) {
        collisions.computeIfAbsent(pruned(simple, SUFFIX.getOrDefault(type, "")),
            k -> new HashSet<>()).add(e.getKey());
      }
    }
    Map<String, String> aliases = new HashMap<>();
    collisions.forEach((alias, classes) -> {
      if (classes.size() == 1) {
        aliases.put(alias, classes.iterator().next());
      }
    });
    return new PluginIndex(Map.copyOf(types), Map.copyOf(aliases), Map.copyOf(settings),
        Map.copyOf(properties));
  }

  /**
   * The class a name given in a config stands for: itself when it is a known class, else the
   * class its alias names, else the name unchanged (an unknown class: the worker may have it).
   * Surrounding whitespace is ignored, as Kafka trims CLASS values.
   */
  public String resolve(String name) {
    if (name == null) {
      return null;
    }
    String trimmed = name.strip();
    if (types.containsKey(trimmed)) {
      return trimmed;
    }
    String cls = aliases.get(trimmed);
    return cls != null ? cls : trimmed;
  }

  /**
   * The connector class {@code connectorClass} names: connector.class is a STRING setting that
   * Connect looks up untrimmed, so no whitespace is ignored here.
   */
  public String resolveConnector(String connectorClass) {
    if (connectorClass == null || types.containsKey(connectorClass)) {
      return connectorClass;
    }
    String cls = aliases.get(connectorClass);
    return cls != null ? cls : connectorClass;
  }

  /** Whether {@code name} resolves to a known plugin of one of {@code wanted} types. */
  public boolean isA(String name, List<String> wanted) {
    Set<String> t = types.get(resolve(name));
    return t != null && wanted.stream().anyMatch(t::contains);
  }

  /** Class.getSimpleName() from a binary name: after the last '.' and the last '$'. */
  static String simpleName(String className) {
    String s = className.substring(className.lastIndexOf('.') + 1);
    return s.substring(s.lastIndexOf('$') + 1);
  }

  /** PluginUtils.prunePluginName: cut at the last occurrence of the suffix, if not at 0. */
  static String pruned(String simple, String suffix) {
    int pos = suffix.isEmpty() ? -1 : simple.lastIndexOf(suffix);
    return pos > 0 ? simple.substring(0, pos) : simple;
  }
}

package io.connectgate.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The plugins of a Connect cluster ({@code GET /connector-plugins?connectorsOnly=false}) and
 * the names Connect resolves to them, as its {@code PluginUtils.computeAliases} does: the full
 * class name, the simple name, and the simple name pruned at the last occurrence of its
 * type's suffix ({@code Connector}, {@code Converter}, {@code HeaderConverter},
 * {@code Transformation}, {@code Predicate}); an alias naming two classes names none.
 *
 * @param types class name → plugin types as Connect lists them ({@code source}, {@code sink},
 *     {@code converter}, {@code header_converter}, {@code transformation}, {@code predicate})
 * @param source where the list came from (the Connect URL), for messages
 */
public record InstalledPlugins(Map<String, Set<String>> types, Map<String, String> aliases,
    String source) {

  private static final Map<String, String> SUFFIX = Map.of(
      "source", "Connector", "sink", "Connector", "converter", "Converter",
      "header_converter", "HeaderConverter", "transformation", "Transformation",
      "predicate", "Predicate");

  public static InstalledPlugins of(Map<String, Set<String>> types, String source) {
    Map<String, Set<String>> named = new HashMap<>();
    for (Map.Entry<String, Set<String>> e : types.entrySet()) {
      String simple = simpleName(e.getKey());
      named.computeIfAbsent(simple, k -> new HashSet<>()).add(e.getKey());
      for (String type : e.getValue()) {
        String suffix = SUFFIX.getOrDefault(type, "");
        int at = suffix.isEmpty() ? -1 : simple.lastIndexOf(suffix);
        if (at > 0) {
          named.computeIfAbsent(simple.substring(0, at), k -> new HashSet<>()).add(e.getKey());
        }
      }
    }
    Map<String, String> aliases = new HashMap<>();
    named.forEach((alias, classes) -> {
      if (classes.size() == 1) {
        aliases.put(alias, classes.iterator().next());
      }
    });
    Map<String, Set<String>> frozen = new HashMap<>();
    types.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return new InstalledPlugins(Map.copyOf(frozen), Map.copyOf(aliases), source);
  }

  /** Whether {@code name} (trimmed, as Kafka trims CLASS values) names a plugin of a type. */
  public boolean has(String name, Set<String> wanted) {
    String n = name.strip();
    Set<String> t = types.get(n);
    if (t == null && aliases.containsKey(n)) {
      t = types.get(aliases.get(n));
    }
    return t != null && t.stream().anyMatch(wanted::contains);
  }

  static String simpleName(String className) {
    String s = className.substring(className.lastIndexOf('.') + 1);
    return s.substring(s.lastIndexOf('$') + 1);
  }
}

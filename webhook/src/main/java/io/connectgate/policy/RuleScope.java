package io.connectgate.policy;

import java.util.List;

/**
 * A rule's action and the namespaces it covers: all namespaces when {@code namespaces} is
 * empty, minus {@code excludeNamespaces}. Both lists hold globs.
 */
public record RuleScope(Action action, List<Glob> namespaces, List<Glob> excludeNamespaces) {

  public static RuleScope everywhere(Action action) {
    return new RuleScope(action, List.of(), List.of());
  }

  public boolean covers(String namespace) {
    String ns = namespace == null ? "" : namespace;
    if (!namespaces.isEmpty() && namespaces.stream().noneMatch(g -> g.matches(ns))) {
      return false;
    }
    return excludeNamespaces.stream().noneMatch(g -> g.matches(ns));
  }

  RuleScope withAction(Action override) {
    return new RuleScope(override, namespaces, excludeNamespaces);
  }
}

package io.connectgate.policy;

import io.connectgate.validation.Finding;
import io.connectgate.validation.ListValues;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule {@code installedPlugins}: a class-typed setting naming a class the target Connect
 * cluster does not have (by full name or alias, of the right plugin type) — the connector
 * class, the key/value/header converter, each listed transformation's and predicate's
 * {@code type}. A warning unless the policy sets the rule's action (e.g. {@code deny});
 * nothing at all while the inventory is unknown or stale. Settings Connect does not list as
 * plugins (MirrorMaker's {@code replication.policy.class}, {@code topic.filter.class}, ...)
 * load from the connector's own class loader and are not checked here.
 */
final class InstalledPluginsRule {

  private static final Set<String> CONNECTOR = Set.of("source", "sink");
  private static final Map<String, Set<String>> SETTINGS = Map.of(
      "connector.class", CONNECTOR,
      "key.converter", Set.of("converter"),
      "value.converter", Set.of("converter"),
      "header.converter", Set.of("header_converter"));

  private static final Map<Set<String>, String> NOUN = Map.of(
      CONNECTOR, "connector", Set.of("converter"), "converter",
      Set.of("header_converter"), "header converter", Set.of("transformation"), "transformation",
      Set.of("predicate"), "predicate");

  private InstalledPluginsRule() {}

  static void check(Policy policy, ConnectorFacts facts, PluginInventory inventory,
      List<Finding> out) {
    RuleScope scope = policy.rules().get(Rules.INSTALLED_PLUGINS);
    if (scope != null && !scope.covers(facts.namespace())) {
      return;
    }
    InstalledPlugins plugins = inventory.installed().orElse(null);
    if (plugins == null) {
      return;
    }
    Action action = scope == null ? Action.WARN : scope.action();
    for (String key : List.of("connector.class", "key.converter", "value.converter",
        "header.converter")) {
      check(facts, key, SETTINGS.get(key), plugins, action, out);
    }
    for (String list : List.of("transforms", "predicates")) {
      Set<String> type = Set.of(list.equals("transforms") ? "transformation" : "predicate");
      for (String alias : ListValues.distinctEntries(facts.config().get(list))) {
        check(facts, list + "." + alias + ".type", type, plugins, action, out);
      }
    }
  }

  private static void check(ConnectorFacts facts, String key, Set<String> types,
      InstalledPlugins plugins, Action action, List<Finding> out) {
    String value = facts.config().get(key);
    if (value == null || value.isBlank() || value.strip().startsWith("${")
        || plugins.has(value, types)) {
      return;
    }
    // No class name in the message: the pointer names the setting, and warnings are cut at 120
    // characters.
    out.add(new Finding(action.severity(), Rules.INSTALLED_PLUGINS, facts.at(key),
        Rules.INSTALLED_PLUGINS + ": Connect has no such " + NOUN.get(types)));
  }

}

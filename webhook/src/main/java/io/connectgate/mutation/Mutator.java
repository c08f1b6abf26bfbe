package io.connectgate.mutation;

import io.connectgate.connector.ConnectorDocument;
import io.connectgate.validation.ConnectorSchema;
import io.connectgate.validation.Derivation;
import io.connectgate.validation.InjectedDefault;
import io.connectgate.validation.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Injects what a connector's schema declares: {@code x-connectgate-inject} defaults, then
 * {@code x-connectgate-derive} copies. Missing keys only — a user's value is never changed —
 * so mutating the output again injects nothing (idempotent).
 */
public final class Mutator {

  private final SchemaCatalog catalog;
  /** Two-space indent and {@code "key": value}, the way connector JSON is usually written. */
  private final ObjectWriter writer = JsonMapper.builder().build().writer().with(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER)));

  public Mutator(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /** The mutated document, or null when nothing is to inject. The input is not modified. */
  public MutatedDocument mutate(ConnectorDocument doc) {
    return mutate(doc, null);
  }

  /**
   * As {@link #mutate(ConnectorDocument)}, with {@code target} choosing among the schema's
   * targeted derivations (the ConfigMap's {@code connectgate.io/monitoring-target}
   * annotation; null or blank: the schema's default target). A target the schema does not
   * know derives nothing targeted (validation reports it as an error, so it is never
   * reached through admission).
   */
  public MutatedDocument mutate(ConnectorDocument doc, String target) {
    String selected = target == null || target.isBlank() ? null : target.trim();
    ConnectorSchema schema = catalog.schemaFor(doc.connectorClass());
    if (schema == null || (schema.defaults().isEmpty() && schema.derivations().isEmpty())) {
      return null;
    }
    if (!needsInjection(schema, doc.config(), selected)) {
      return null;
    }
    ObjectNode root = doc.root().deepCopy();
    ObjectNode config = doc.configPointer().isEmpty() ? root : (ObjectNode) root.get("config");
    List<String> injected = new ArrayList<>();
    for (InjectedDefault d : schema.defaults()) {
      if (!config.has(d.key())) {
        config.set(d.key(), d.value().deepCopy());
        injected.add(d.key());
      }
    }
    for (Derivation d : schema.derivations()) {
      if (d.selectedBy(selected)) {
        derive(schema, d, config, injected);
      }
    }
    if (injected.isEmpty()) {
      return null;
    }
    String text = writer.writeValueAsString(root);
    return new MutatedDocument(doc.dataKey(), root, text, List.copyOf(injected));
  }

  /** A cheap pre-check so that already-mutated documents cost no copy. */
  private static boolean needsInjection(ConnectorSchema schema, ObjectNode config,
      String selected) {
    for (InjectedDefault d : schema.defaults()) {
      if (!config.has(d.key())) {
        return true;
      }
    }
    for (Derivation d : schema.derivations()) {
      if (d.selectedBy(selected) && applies(d, config)) {
        for (String key : config.propertyNames()) {
          if (derivable(schema, d, key) && !config.has(d.to() + key.substring(d.from().length()))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void derive(ConnectorSchema schema, Derivation d, ObjectNode config,
      List<String> injected) {
    if (!applies(d, config)) {
      return;
    }
    for (String key : List.copyOf(config.propertyNames())) {
      if (!derivable(schema, d, key)) {
        continue;
      }
      String target = d.to() + key.substring(d.from().length());
      JsonNode value = config.get(key);
      if (!config.has(target) && value.isValueNode()) {
        config.set(target, value.deepCopy());
        injected.add(target);
      }
    }
  }

  /** Key under {@code from} (as its longest prefix, so nested clients are not copied) and covered. */
  private static boolean derivable(ConnectorSchema schema, Derivation d, String key) {
    if (!key.startsWith(d.from())) {
      return false;
    }
    var prefix = schema.prefixOf(key);
    if (prefix != null && !prefix.prefix().equals(d.from()) && schema.prefix(d.from()) != null) {
      return false;
    }
    return d.covers(key.substring(d.from().length()));
  }

  private static boolean applies(Derivation d, ObjectNode config) {
    if (d.whenPresent() != null) {
      JsonNode present = config.get(d.whenPresent());
      if (present == null || !present.isValueNode() || present.isNull()
          || present.asString().isBlank()) {
        return false;
      }
    }
    if (d.whenKey() == null) {
      return true;
    }
    JsonNode v = config.get(d.whenKey());
    if (v == null || !v.isValueNode()) {
      return false;
    }
    for (String item : v.asString().split(",")) {
      if (item.trim().equals(d.whenContains())) {
        return true;
      }
    }
    return false;
  }
}

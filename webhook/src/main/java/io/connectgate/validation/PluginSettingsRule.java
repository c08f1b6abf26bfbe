package io.connectgate.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings of the plugins a connector names, checked against each plugin's own ConfigDef
 * (generated into {@code kafka-plugins.schema.json}) as Connect's validation does:
 * {@code key.converter.*} against the key converter's (AbstractHerder.validateConverterConfig),
 * {@code transforms.<alias>.*} and {@code predicates.<alias>.*} against the transformation's
 * and predicate's (ConnectorConfig.enrich). Classes resolve by name or alias as in Connect;
 * an unknown class (a plugin of the worker) is not checked. Errors are {@code schema} errors;
 * a deprecated setting, or one the target Kafka version removed (ReplaceField's
 * {@code blacklist} from 4.0: the fields are no longer dropped), is a {@code deprecated-key}
 * warning as on the connector itself.
 */
final class PluginSettingsRule implements DocumentRule {

  private static final List<String> CONVERTERS =
      List.of("key.converter", "value.converter", "header.converter");
  /** Keys under transforms.<alias>. / predicates.<alias>. that Connect itself reads. */
  private static final Set<String> CONNECT_KEYS =
      Set.of("type", "predicate", "negate", "plugin.version");

  private final PluginIndex plugins;
  private final SchemaMessages messages;
  private final FastChecks fastChecks;

  PluginSettingsRule(SchemaCatalog catalog) {
    this.plugins = catalog.plugins();
    this.messages = new SchemaMessages(catalog.documents());
    this.fastChecks = catalog.fastChecks();
  }

  @Override
  public void check(DocumentContext ctx) {
    if (plugins.settings().isEmpty()) {
      return;
    }
    for (String converter : CONVERTERS) {
      check(ctx, ctx.value(converter), converter + ".", Set.of());
    }
    for (String list : List.of("transforms", "predicates")) {
      for (String alias : ListValues.distinctEntries(ctx.value(list))) {
        String prefix = list + "." + alias + ".";
        check(ctx, ctx.value(prefix + "type"), prefix, CONNECT_KEYS);
      }
    }
  }

  private void check(DocumentContext ctx, String className, String prefix, Set<String> skip) {
    if (className == null || PlaintextCredentialsRule.isReference(className)) {
      return;
    }
    String cls = plugins.resolve(className);
    Schema schema = plugins.settings().get(cls);
    if (schema == null) {
      return;
    }
    ObjectNode sub = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : ctx.config().properties()) {
      String key = e.getKey();
      if (key.startsWith(prefix) && !e.getValue().isContainer()
          && !skip.contains(key.substring(prefix.length()))) {
        sub.set(key.substring(prefix.length()), e.getValue());
      }
    }
    for (Error e : fastChecks.validate(schema, SchemaCheck.normalised(sub))) {
      NodePath path = e.getInstanceLocation();
      String key = path == null || path.getNameCount() == 0 ? null : path.getName(0);
      if (key == null && "required".equals(e.getKeyword())) {
        key = e.getProperty();
      }
      String value = key == null ? null : ctx.value(prefix + key);
      if (value != null && !"required".equals(e.getKeyword())
          && PlaintextCredentialsRule.isReference(value)) {
        continue;
      }
      String plugin = cls.substring(cls.lastIndexOf('.') + 1);
      String of = key == null ? ""
          : "required".equals(e.getKeyword()) && CONVERTERS.contains(prefix.substring(0, prefix.length() - 1))
              // Plugins.newConverter: a converter the connector names gets the connector's own
              // <prefix>.* settings only, so the worker's setting does not fill the gap.
              ? " (a setting of " + plugin + ", which reads only the connector's own " + prefix
                  + "* settings, not the worker's)"
              : " (a setting of " + plugin + ")";
      ctx.violation(Rules.SCHEMA, key == null ? null : prefix + key, messages.describe(e) + of);
    }
    PropertySet declared = plugins.properties().get(cls);
    if (declared == null) {
      return;
    }
    if (ctx.schema().optsInto(Rules.DEPRECATED_KEY)) {
      for (String key : sub.propertyNames()) {
        DeprecatedKeyRule.report(ctx, prefix, key, declared);
      }
    }
    for (String key : declared.javaRegex()) {
      String value = ctx.value(prefix + key);
      if (value == null || PlaintextCredentialsRule.isReference(value)) {
        continue;
      }
      try {
        Pattern.compile(value.strip());
      } catch (PatternSyntaxException ex) {
        ctx.violation(Rules.SCHEMA, prefix + key, "is not a valid Java regular expression: "
            + ex.getDescription() + (ex.getIndex() >= 0 ? " near index " + ex.getIndex() : ""));
      }
    }
  }

}

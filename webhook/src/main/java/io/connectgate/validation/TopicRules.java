package io.connectgate.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * {@code topic-regex}: settings marked {@code x-connectgate-java-regex} must compile as Java
 * regular expressions (the error names the position, never the value); for {@code "list"}
 * settings (MirrorMaker's {@code topics}, {@code groups}, ...) each comma-separated entry must.
 * {@code topic-selection}: at least one of the selection settings (rule option {@code keys},
 * default {@code topic.whitelist}, {@code topic.regex}) must be non-empty.
 */
final class TopicRules implements DocumentRule {

  private static final List<String> DEFAULT_SELECTION = List.of("topic.whitelist", "topic.regex");

  @Override
  public void check(DocumentContext ctx) {
    ConnectorSchema schema = ctx.schema();
    if (schema.optsInto(Rules.TOPIC_REGEX)) {
      for (String key : schema.properties().javaRegex()) {
        checkOne(ctx, key);
      }
      for (String key : schema.properties().javaRegexLists()) {
        String value = ctx.value(key);
        if (value != null && !PlaintextCredentialsRule.isReference(value)) {
          checkList(ctx, key, value);
        }
      }
      checkAliases(ctx, schema.properties());
      for (ClientPrefix p : schema.prefixes()) {
        for (String relative : p.properties().javaRegex()) {
          String key = p.prefix() + relative;
          if (schema.prefixOf(key) == p) {
            checkOne(ctx, key);
          }
        }
      }
    }
    if (schema.optsInto(Rules.TOPIC_SELECTION)) {
      List<String> keys = selectionKeys(schema.rules().get(Rules.TOPIC_SELECTION));
      for (String key : keys) {
        String value = ctx.value(key);
        if (value != null && !value.isBlank()) {
          return;
        }
      }
      ctx.violation(Rules.TOPIC_SELECTION, null, "selects no topics: set "
          + String.join(" or ", keys) + " (nothing is replicated otherwise)");
    }
  }

  /**
   * A deprecated name the target Kafka version still reads (MirrorMaker's {@code topics.blacklist}
   * on 3.9) is read as its replacement when the replacement is not set (Kafka's
   * {@code ConfigUtils.translateDeprecatedConfigs}), so it is checked as the replacement is. Set
   * together with its replacement, or on a version that removed it, Kafka ignores it: not checked.
   */
  private static void checkAliases(DocumentContext ctx, PropertySet properties) {
    for (Map.Entry<String, String> alias : properties.deprecated().entrySet()) {
      String old = alias.getKey();
      String replacement = alias.getValue();
      String value = ctx.value(old);
      if (value == null || properties.removed().containsKey(old) || ctx.value(replacement) != null
          || PlaintextCredentialsRule.isReference(value)) {
        continue;
      }
      if (properties.javaRegexLists().contains(replacement)) {
        checkList(ctx, old, value);
      } else if (properties.javaRegex().contains(replacement)) {
        checkOne(ctx, old);
      }
    }
  }

  /**
   * A value holding a {@code ${provider:path:key}} reference is not checked: Connect resolves
   * it before it validates the connector, and the resolved text is unknowable here.
   */
  private static void checkOne(DocumentContext ctx, String key) {
    String value = ctx.value(key);
    if (value == null || PlaintextCredentialsRule.isReference(value)) {
      return;
    }
    try {
      Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      ctx.violation(Rules.TOPIC_REGEX, key, "is not a valid Java regular expression: "
          + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
    }
  }

  /** Kafka's LIST parsing: trimmed, split on commas with surrounding whitespace. */
  private static void checkList(DocumentContext ctx, String key, String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return;
    }
    List<String> entries = ListValues.split(trimmed);
    for (int i = 0; i < entries.size(); i++) {
      try {
        Pattern.compile(entries.get(i));
      } catch (PatternSyntaxException e) {
        ctx.violation(Rules.TOPIC_REGEX, key, "entry " + (i + 1) + " of the comma-separated list"
            + " is not a valid Java regular expression: " + e.getDescription()
            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
      }
    }
  }

  private static List<String> selectionKeys(JsonNode options) {
    if (options == null || !options.path("keys").isArray()) {
      return DEFAULT_SELECTION;
    }
    List<String> keys = new ArrayList<>();
    options.path("keys").forEach(k -> keys.add(k.asString()));
    return keys;
  }
}

package io.connectgate.validation;

/**
 * {@code deprecated-key}: settings marked {@code x-connectgate-deprecated} (the replacement)
 * get a warning naming the replacement. Setting the deprecated key <em>and</em> its
 * replacement is a warning too ({@code deprecated-key-conflict}), as Kafka behaves: its
 * ConfigUtils.translateDeprecatedConfigs keeps the replacement's value, ignores the deprecated
 * key and logs an error, and the connector runs. A key the target Kafka version removed
 * ({@code x-connectgate-removed}) is a warning that it is ignored: Kafka no longer reads it
 * (with or without a replacement).
 */
final class DeprecatedKeyRule implements DocumentRule {

  @Override
  public void check(DocumentContext ctx) {
    ConnectorSchema schema = ctx.schema();
    if (!schema.optsInto(Rules.DEPRECATED_KEY)) {
      return;
    }
    for (String key : ctx.config().propertyNames()) {
      String replacement = schema.properties().deprecated().get(key);
      String removedIn = schema.properties().removed().get(key);
      String prefix = "";
      if (replacement == null && removedIn == null) {
        ClientPrefix p = schema.prefixOf(key);
        if (p != null) {
          String relative = key.substring(p.prefix().length());
          replacement = p.properties().deprecated().get(relative);
          removedIn = p.properties().removed().get(relative);
          prefix = p.prefix();
        }
      }
      if (replacement == null && removedIn == null) {
        continue;
      }
      if (replacement == null) {
        // Dropped without a successor (MirrorMaker's use.incremental.alter.configs in 4.0).
        ctx.advisory(Rules.DEPRECATED_KEY, key, "was removed in Kafka " + removedIn
            + " and is ignored");
        continue;
      }
      String full = prefix + replacement;
      if (removedIn != null) {
        // Kafka no longer reads the old name: nothing conflicts, the setting is just ignored.
        ctx.advisory(Rules.DEPRECATED_KEY, key, "was removed in Kafka " + removedIn
            + " and is ignored; " + (ctx.config().has(full) ? "`" + full + "` applies"
            : "use `" + full + "` instead"));
      } else if (ctx.config().has(full)) {
        // Short: a response warning holds at most 120 characters, key and pointer included.
        ctx.advisory(Rules.DEPRECATED_KEY_CONFLICT, key, "is deprecated and ignored: `" + full
            + "` is set too");
      } else {
        ctx.advisory(Rules.DEPRECATED_KEY, key, "is deprecated; use `" + full + "` instead");
      }
    }
  }
}

package io.connectgate.validation;

/**
 * {@code deprecated-key}: settings marked {@code x-connectgate-deprecated} (the replacement)
 * get a warning naming the replacement. Setting the deprecated key <em>and</em> its
 * replacement is an error ({@code deprecated-key-conflict}): Kafka keeps one of them and
 * silently ignores the other, so the document does not say what it does. A key the target
 * Kafka version removed ({@code x-connectgate-removed}) is only a warning: Kafka ignores it.
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
      if (replacement == null) {
        ClientPrefix p = schema.prefixOf(key);
        if (p != null) {
          String relative = key.substring(p.prefix().length());
          replacement = p.properties().deprecated().get(relative);
          removedIn = p.properties().removed().get(relative);
          prefix = p.prefix();
        }
      }
      if (replacement == null) {
        continue;
      }
      String full = prefix + replacement;
      if (removedIn != null) {
        // Kafka no longer reads the old name: nothing conflicts, the setting is just ignored.
        ctx.advisory(Rules.DEPRECATED_KEY, key, "was removed in Kafka " + removedIn
            + " and is ignored; " + (ctx.config().has(full) ? "`" + full + "` applies"
            : "use `" + full + "` instead"));
      } else if (ctx.config().has(full)) {
        ctx.violation(Rules.DEPRECATED_KEY_CONFLICT, key, "is deprecated and `" + full
            + "` is set too: Kafka uses only one of them; remove this one");
      } else {
        ctx.advisory(Rules.DEPRECATED_KEY, key, "is deprecated; use `" + full + "` instead");
      }
    }
  }
}

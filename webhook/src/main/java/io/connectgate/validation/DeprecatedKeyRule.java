package io.connectgate.validation;

/**
 * {@code deprecated-key}: settings marked {@code x-connectgate-deprecated} (the replacement)
 * get a warning naming the replacement. Setting the deprecated key <em>and</em> its
 * replacement is an error ({@code deprecated-key-conflict}): Kafka keeps one of them and
 * silently ignores the other, so the document does not say what it does.
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
      String prefix = "";
      if (replacement == null) {
        ClientPrefix p = schema.prefixOf(key);
        if (p != null) {
          replacement = p.properties().deprecated().get(key.substring(p.prefix().length()));
          prefix = p.prefix();
        }
      }
      if (replacement == null) {
        continue;
      }
      String full = prefix + replacement;
      if (ctx.config().has(full)) {
        ctx.violation(Rules.DEPRECATED_KEY_CONFLICT, key, "is deprecated and `" + full
            + "` is set too: Kafka uses only one of them; remove this one");
      } else {
        ctx.advisory(Rules.DEPRECATED_KEY, key, "is deprecated; use `" + full + "` instead");
      }
    }
  }
}

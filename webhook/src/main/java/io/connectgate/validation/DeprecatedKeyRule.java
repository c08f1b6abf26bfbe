package io.connectgate.validation;

/** {@code deprecated-key}: settings marked {@code x-connectgate-deprecated} (the replacement). */
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
      if (replacement != null) {
        ctx.advisory(Rules.DEPRECATED_KEY, key,
            "is deprecated; use `" + prefix + replacement + "` instead");
      }
    }
  }
}

package io.connectgate.validation;

/**
 * {@code deprecated-key}: settings marked {@code x-connectgate-deprecated} (the replacement)
 * get a warning naming the replacement. Setting the deprecated key <em>and</em> its
 * replacement is a warning too ({@code deprecated-key-conflict}), as Kafka behaves: its
 * ConfigUtils.translateDeprecatedConfigs keeps the replacement's value, ignores the deprecated
 * key and logs an error, and the connector runs. A key the target Kafka version removed
 * ({@code x-connectgate-removed}) is a warning that it is ignored: Kafka no longer reads it
 * (with or without a replacement). A deprecated key Kafka still reads but without a successor
 * ({@code x-connectgate-deprecated-without-replacement}: MirrorMaker's
 * {@code use.incremental.alter.configs} on 3.9, {@code metric.names.formats} on 4.3) is a
 * warning that it has no replacement, naming the Kafka version that removes it when known.
 */
final class DeprecatedKeyRule implements DocumentRule {

  @Override
  public void check(DocumentContext ctx) {
    ConnectorSchema schema = ctx.schema();
    if (!schema.optsInto(Rules.DEPRECATED_KEY)) {
      return;
    }
    for (String key : ctx.config().propertyNames()) {
      if (report(ctx, "", key, schema.properties())) {
        continue;
      }
      ClientPrefix p = schema.prefixOf(key);
      if (p != null) {
        report(ctx, p.prefix(), key.substring(p.prefix().length()), p.properties());
      }
    }
  }

  /**
   * Reports {@code prefix + relative} when {@code declared} (the settings under
   * {@code prefix}: the connector's, a client's, a plugin's) marks it deprecated or removed.
   *
   * @return whether it was reported
   */
  static boolean report(DocumentContext ctx, String prefix, String relative,
      PropertySet declared) {
    String replacement = declared.deprecated().get(relative);
    String removedIn = declared.removed().get(relative);
    String key = prefix + relative;
    if (replacement == null && removedIn == null) {
      String removal = declared.withoutReplacement().get(relative);
      if (removal == null) {
        return false;
      }
      // Still read: nothing to switch to, only the removal to plan for. Short (120 characters
      // with key and pointer), and without "; " so that a cut keeps "is deprecated".
      ctx.advisory(Rules.DEPRECATED_KEY, key, "is deprecated and has no replacement"
          + (removal.isEmpty() ? "" : ": Kafka " + removal + " removes it"));
      return true;
    }
    if (replacement == null) {
      // Dropped without a successor (MirrorMaker's use.incremental.alter.configs in 4.0).
      ctx.advisory(Rules.DEPRECATED_KEY, key, "was removed in Kafka " + removedIn
          + " and is ignored");
      return true;
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
    return true;
  }
}

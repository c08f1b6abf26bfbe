package io.connectgate.validation;

/**
 * What Kafka's own SMTs refuse only when they run, beyond their ConfigDefs (all that Connect's
 * validation checks): one walk over the listed transformations ({@code transforms}), their
 * classes resolved as Connect resolves them, each of Kafka's SMTs with such a check handed to
 * it ({@link RegexRouterRule}, {@link TimestampTransformsRule}, {@link TransformConfigureRule}),
 * and a warning for Filter without a predicate, which Kafka runs and which drops every record.
 */
final class TransformRules implements DocumentRule {

  private static final String PACKAGE = "org.apache.kafka.connect.transforms.";

  private final PluginIndex plugins;

  TransformRules(SchemaCatalog catalog) {
    this.plugins = catalog.plugins();
  }

  @Override
  public void check(DocumentContext ctx) {
    String transforms = ctx.value("transforms");
    if (transforms == null) {
      return; // most connectors: nothing to walk, nothing allocated per review
    }
    for (String alias : ListValues.distinctEntries(transforms)) {
      String prefix = "transforms." + alias + ".";
      String type = ctx.value(prefix + "type");
      String cls = type == null ? "" : plugins.resolve(type);
      switch (cls.startsWith(PACKAGE) ? cls.substring(PACKAGE.length()) : "") {
        case "RegexRouter" -> RegexRouterRule.check(ctx, prefix);
        case "TimestampRouter" -> TimestampTransformsRule.router(ctx, prefix);
        case "TimestampConverter$Key", "TimestampConverter$Value" -> TimestampTransformsRule.converter(ctx, prefix);
        case "HeaderFrom$Key", "HeaderFrom$Value" -> TransformConfigureRule.headerFrom(ctx, prefix);
        case "SetSchemaMetadata$Key", "SetSchemaMetadata$Value" -> TransformConfigureRule.setSchemaMetadata(ctx, prefix);
        case "InsertField$Key", "InsertField$Value" -> TransformConfigureRule.insertField(ctx, prefix);
        case "Filter" -> filter(ctx, prefix);
        default -> { }
      }
    }
  }

  /**
   * Filter without a predicate: valid to Kafka, and it drops every record, so the connector runs
   * and moves nothing. A warning, not an error: a connector may be meant to discard everything.
   * Short: a response warning holds at most 120 characters, key and pointer included.
   */
  private static void filter(DocumentContext ctx, String prefix) {
    if (ctx.value(prefix + "predicate") == null) {
      ctx.advisory(Rules.SCHEMA, prefix + "type", "is Filter without a predicate: it drops every record");
    }
  }
}

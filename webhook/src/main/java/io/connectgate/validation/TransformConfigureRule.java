package io.connectgate.validation;

/**
 * What Kafka's SMTs refuse in {@code configure()}, when a task starts, beyond their ConfigDefs
 * (which is all Connect's validation checks, so a connector with these is created and its tasks
 * fail):
 * <ul>
 *   <li>HeaderFrom: {@code fields} and {@code headers} of different lengths;</li>
 *   <li>SetSchemaMetadata: neither {@code schema.name} nor {@code schema.version};</li>
 *   <li>InsertField: none of {@code topic.field}, {@code partition.field},
 *       {@code offset.field}, {@code timestamp.field}, {@code static.field}; or
 *       {@code static.field} without {@code static.value}.</li>
 * </ul>
 * A setting given as a config provider reference is not judged.
 */
final class TransformConfigureRule {

  private static final String[] INSERTIONS =
      {"topic.field", "partition.field", "offset.field", "timestamp.field", "static.field"};

  private TransformConfigureRule() {}

  static void setSchemaMetadata(DocumentContext ctx, String prefix) {
    if (ctx.value(prefix + "schema.name") == null && ctx.value(prefix + "schema.version") == null) {
      ctx.violation(Rules.SCHEMA, prefix + "type", "sets neither " + prefix + "schema.name nor "
          + prefix + "schema.version: SetSchemaMetadata refuses to start");
    }
  }

  static void headerFrom(DocumentContext ctx, String prefix) {
    String fields = ctx.value(prefix + "fields");
    String headers = ctx.value(prefix + "headers");
    if (fields == null || headers == null || PlaintextCredentialsRule.isReference(fields)
        || PlaintextCredentialsRule.isReference(headers)) {
      return; // a missing one is the schema's "required"
    }
    int f = ListValues.split(fields).size();
    int h = ListValues.split(headers).size();
    if (f != h) {
      ctx.violation(Rules.SCHEMA, prefix + "headers", "names " + h + (h == 1 ? " header" : " headers")
          + " for " + f + (f == 1 ? " field" : " fields") + " of " + prefix
          + "fields: HeaderFrom refuses to start unless both have as many elements");
    }
  }

  static void insertField(DocumentContext ctx, String prefix) {
    boolean any = false;
    for (String key : INSERTIONS) {
      any |= ctx.value(prefix + key) != null;
    }
    if (!any) {
      ctx.violation(Rules.SCHEMA, prefix + "type", "inserts nothing (none of " + prefix
          + "topic.field, partition.field, offset.field, timestamp.field, static.field is set):"
          + " InsertField refuses to start");
    } else if (ctx.value(prefix + "static.field") != null && ctx.value(prefix + "static.value") == null) {
      ctx.violation(Rules.SCHEMA, prefix + "static.value", "is required when " + prefix
          + "static.field is set: InsertField refuses to start without it");
    }
  }
}

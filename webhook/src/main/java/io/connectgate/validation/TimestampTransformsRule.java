package io.connectgate.validation;

import java.text.SimpleDateFormat;

/**
 * What Kafka's timestamp SMTs check only when they run, which Connect's validation (their
 * ConfigDefs: plain strings) does not see:
 * <ul>
 *   <li>TimestampConverter's {@code configure} refuses a {@code format} that is not a
 *       {@code SimpleDateFormat} pattern, and a blank one when {@code target.type} is
 *       {@code string}: the task fails when it starts;</li>
 *   <li>TimestampRouter builds its {@code SimpleDateFormat} from {@code timestamp.format} on the
 *       first record: a pattern Java refuses fails every record.</li>
 * </ul>
 * Patterns are checked by Java's own {@code SimpleDateFormat}.
 */
final class TimestampTransformsRule {

  private TimestampTransformsRule() {}

  /** Checks the TimestampRouter whose settings start with {@code prefix}. */
  static void router(DocumentContext ctx, String prefix) {
    String format = ctx.value(prefix + "timestamp.format");
    String problem = format == null ? null : problem(format);
    if (problem != null) {
      ctx.violation(Rules.SCHEMA, prefix + "timestamp.format", "is not a SimpleDateFormat pattern ("
          + problem + "): TimestampRouter fails on every record");
    }
  }

  /** Checks the TimestampConverter whose settings start with {@code prefix}. */
  static void converter(DocumentContext ctx, String prefix) {
    String format = ctx.value(prefix + "format");
    String target = ctx.value(prefix + "target.type");
    if ((format == null || format.trim().isEmpty()) && target != null && target.trim().equals("string")) {
      ctx.violation(Rules.SCHEMA, prefix + "format", "is required when " + prefix
          + "target.type is string: TimestampConverter refuses to start without it");
      return;
    }
    String problem = format == null ? null : problem(format);
    if (problem != null) {
      ctx.violation(Rules.SCHEMA, prefix + "format", "is not a SimpleDateFormat pattern (" + problem
          + "): TimestampConverter refuses to start");
    }
  }

  /** Why SimpleDateFormat refuses {@code pattern} (trimmed, as ConfigDef trims it), or null. */
  static String problem(String pattern) {
    String p = pattern.trim();
    if (p.isEmpty() || PlaintextCredentialsRule.isReference(p)) {
      return null;
    }
    try {
      new SimpleDateFormat(p);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}

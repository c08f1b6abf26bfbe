package io.connectgate.validation;

import java.util.Locale;

/**
 * {@code dead-letter-queue}: a dead-letter queue topic is only written when
 * {@code errors.tolerance} is {@code all}; with {@code none} (Connect's default) the first bad
 * record fails the task and the topic stays empty — almost certainly not what was meant.
 */
final class DeadLetterQueueRule implements DocumentRule {

  static final String TOPIC = "errors.deadletterqueue.topic.name";
  static final String TOLERANCE = "errors.tolerance";

  @Override
  public void check(DocumentContext ctx) {
    if (!ctx.schema().optsInto(Rules.DEAD_LETTER_QUEUE)) {
      return;
    }
    String topic = ctx.value(TOPIC);
    if (topic == null || topic.isBlank()) {
      return;
    }
    String tolerance = ctx.value(TOLERANCE);
    if (tolerance != null && PlaintextCredentialsRule.isReference(tolerance)) {
      return; // resolved by Connect from a config provider: unknowable here
    }
    if (tolerance == null || !tolerance.trim().toLowerCase(Locale.ROOT).equals("all")) {
      ctx.advisory(Rules.DEAD_LETTER_QUEUE, TOPIC, "is never written with errors.tolerance "
          + (tolerance == null ? "none (the default)" : tolerance.trim())
          + ": set errors.tolerance=all to route failed records to it");
    }
  }
}

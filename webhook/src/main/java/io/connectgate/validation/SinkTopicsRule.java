package io.connectgate.validation;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code sink-topics}: SinkConnectorConfig.validate's cross-field rules (Kafka 4.1) — exactly
 * one of {@code topics} and {@code topics.regex}, and the dead-letter-queue topic neither
 * listed in {@code topics} nor matched by {@code topics.regex} (Connect would consume what it
 * writes there). Blank counts as unset, as in Kafka.
 */
final class SinkTopicsRule implements DocumentRule {

  static final String RULE = Rules.SINK_TOPICS;

  @Override
  public void check(DocumentContext ctx) {
    if (!ctx.schema().optsInto(RULE)) {
      return;
    }
    String topics = ctx.value("topics");
    String regex = ctx.value("topics.regex");
    String dlq = ctx.value("errors.deadletterqueue.topic.name");
    boolean hasTopics = !blank(topics);
    boolean hasRegex = !blank(regex);
    if (hasTopics && hasRegex) {
      ctx.violation(RULE, "topics", "and topics.regex are mutually exclusive; Kafka"
          + " Connect rejects a sink connector with both set");
      ctx.violation(RULE, "topics.regex", "and topics are mutually exclusive; Kafka"
          + " Connect rejects a sink connector with both set");
    } else if (!hasTopics && !hasRegex) {
      ctx.violation(RULE, "topics", "is required for a sink connector: set topics or"
          + " topics.regex");
    }
    if (blank(dlq) || PlaintextCredentialsRule.isReference(dlq)) {
      return; // a ${provider:path:key} reference is resolved by Connect: unknowable here
    }
    String dlqTopic = dlq.strip();
    if (hasTopics && !PlaintextCredentialsRule.isReference(topics)
        && parse(topics).contains(dlqTopic)) {
      ctx.violation(RULE, "topics", "must not include the dead-letter-queue topic"
          + " (errors.deadletterqueue.topic.name): the connector would consume its own failures");
    }
    if (hasRegex && !PlaintextCredentialsRule.isReference(regex)) {
      try {
        // The tenant's pattern over the tenant's topic name: under the step budget, because
        // java.util.regex backtracks ("(.*a){20}" against 60 letters never ends).
        if (BoundedRegex.matches(Pattern.compile(regex), dlqTopic)) {
          ctx.violation(RULE, "topics.regex", "must not match the dead-letter-queue"
              + " topic (errors.deadletterqueue.topic.name): the connector would consume its own"
              + " failures");
        }
      } catch (PatternSyntaxException e) {
        // reported by topic-regex
      } catch (BoundedRegex.BudgetExceeded | StackOverflowError e) {
        ctx.violation(RULE, "topics.regex", "backtracks too much to be matched against"
            + " the dead-letter-queue topic (errors.deadletterqueue.topic.name): Kafka Connect"
            + " runs the same match when it validates the connector, and would stall on it");
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** SinkConnectorConfig.parseTopicsList: trimmed entries, empty ones dropped. */
  private static List<String> parse(String topics) {
    return ListValues.split(topics).stream().filter(t -> !t.isEmpty()).toList();
  }
}

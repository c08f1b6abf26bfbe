package io.connectgate.validation;

import java.util.Map;

/**
 * The one place that turns a rule name into a severity. Rules report problems either as a
 * violation ({@link #of}) or as an advisory ({@link #advisory}: e.g. an unknown SASL mechanism,
 * which is only unconfirmed). A cluster policy can later supply other mappings.
 */
public final class RuleSeverities {

  public static final RuleSeverities DEFAULTS = new RuleSeverities(Map.ofEntries(
      Map.entry(Rules.JSON_SYNTAX, Severity.ERROR),
      Map.entry(Rules.YAML_SYNTAX, Severity.ERROR),
      Map.entry(Rules.FORBIDDEN_KEY, Severity.ERROR),
      Map.entry(Rules.DUPLICATE_KEY, Severity.ERROR),
      Map.entry(Rules.NOT_A_CONNECTOR, Severity.ERROR),
      Map.entry(Rules.VALUE_TYPE, Severity.ERROR),
      Map.entry(Rules.SCHEMA, Severity.ERROR),
      Map.entry(Rules.JAAS, Severity.ERROR),
      Map.entry(Rules.TOPIC_REGEX, Severity.ERROR),
      Map.entry(Rules.TOPIC_SELECTION, Severity.ERROR),
      Map.entry(Rules.ALIASES, Severity.ERROR),
      Map.entry(Rules.LIMIT, Severity.ERROR),
      Map.entry(Rules.SINK_TOPICS, Severity.ERROR),
      Map.entry(Rules.DEAD_LETTER_QUEUE, Severity.WARNING),
      Map.entry(Rules.UNKNOWN_KEY, Severity.WARNING),
      Map.entry(Rules.SASL_WITHOUT_JAAS, Severity.WARNING),
      Map.entry(Rules.SSL_ON_PLAINTEXT, Severity.WARNING),
      Map.entry(Rules.DEPRECATED_KEY, Severity.WARNING),
      // Kafka keeps the replacement and ignores the deprecated key (translateDeprecatedConfigs).
      Map.entry(Rules.DEPRECATED_KEY_CONFLICT, Severity.WARNING),
      Map.entry(Rules.PLAINTEXT_CREDENTIALS, Severity.WARNING)));

  private final Map<String, Severity> severities;

  public RuleSeverities(Map<String, Severity> severities) {
    this.severities = Map.copyOf(severities);
  }

  /** Severity of a violation of {@code rule}; unknown rules are errors (fail closed). */
  public Severity of(String rule) {
    return severities.getOrDefault(rule, Severity.ERROR);
  }

  /** Severity of an advisory from {@code rule}: never stronger than a warning. */
  public Severity advisory(String rule) {
    Severity s = of(rule);
    return s == Severity.ERROR ? Severity.WARNING : s;
  }
}

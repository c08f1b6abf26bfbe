package io.connectgate.validation;

/** Finding rule names (stable: used in metrics, JSON output and policy). */
public final class Rules {
  public static final String JSON_SYNTAX = "json-syntax";
  public static final String YAML_SYNTAX = "yaml-syntax";
  /** A setting a connector resource's operator forbids in its config map (Strimzi). */
  public static final String FORBIDDEN_KEY = "forbidden-key";
  public static final String DUPLICATE_KEY = "duplicate-key";
  public static final String NOT_A_CONNECTOR = "not-a-connector";
  public static final String VALUE_TYPE = "value-type";
  public static final String SCHEMA = "schema";
  public static final String UNKNOWN_KEY = "unknown-key";
  public static final String JAAS = "jaas";
  public static final String SASL_WITHOUT_JAAS = "sasl-without-jaas";
  public static final String TOPIC_REGEX = "topic-regex";
  public static final String TOPIC_SELECTION = "topic-selection";
  public static final String SSL_ON_PLAINTEXT = "ssl-on-plaintext";
  public static final String DEPRECATED_KEY = "deprecated-key";
  public static final String DEPRECATED_KEY_CONFLICT = "deprecated-key-conflict";
  public static final String ALIASES = "aliases";
  public static final String DEAD_LETTER_QUEUE = "dead-letter-queue";
  public static final String PLAINTEXT_CREDENTIALS = "plaintextCredentials";
  /** A ConfigMap beyond a size no connector needs ({@link Limits}). */
  public static final String LIMIT = "limit";
  /** Stands for a document's findings past {@link Limits#MAX_FINDINGS} (not a rule of its own). */
  public static final String MORE_FINDINGS = "more-findings";
  /** A sink connector's topics and topics.regex, as SinkConnectorConfig.validate checks them. */
  public static final String SINK_TOPICS = "sink-topics";

  private Rules() {}
}

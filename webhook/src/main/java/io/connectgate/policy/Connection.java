package io.connectgate.policy;

/**
 * A config prefix through which a connector opens a Kafka connection, as its schema declares
 * it ({@code x-connectgate-prefixes} with {@code x-connectgate-client}).
 *
 * @param prefix such as "src.kafka."
 * @param inherits where unset settings come from: another prefix (e.g. "src.kafka." for
 *     "src.consumer."), {@link #WORKER} for the Connect worker's configuration (not visible
 *     here), or null for Kafka's own defaults
 */
public record Connection(String prefix, String inherits) {
  public static final String WORKER = "worker";
}

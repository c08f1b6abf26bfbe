package io.connectgate.validation;

import com.networknt.schema.Schema;

/**
 * An open prefix of a connector config ({@code x-connectgate-prefixes}), such as
 * {@code src.kafka.}: the keys under it, prefix stripped, are validated against {@code schema}.
 *
 * @param client the def is a Kafka client ({@code x-connectgate-client}): client rules apply
 * @param inherits the prefix whose settings this client falls back to (e.g. {@code src.consumer.}
 *     inherits {@code src.kafka.}), "worker" when unset settings come from the Connect worker
 *     (unknown here), or null when unset settings take Kafka's defaults
 */
public record ClientPrefix(
    String prefix, String ref, Schema schema, PropertySet properties, boolean client,
    String inherits) {

  public static final String WORKER = "worker";
}

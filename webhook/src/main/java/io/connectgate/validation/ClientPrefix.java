package io.connectgate.validation;

import com.networknt.schema.Schema;
import java.util.Map;

/**
 * An open prefix of a connector config ({@code x-connectgate-prefixes}), such as
 * {@code src.kafka.}: the keys under it, prefix stripped, are validated against {@code schema}.
 *
 * @param client the def is a Kafka client ({@code x-connectgate-client}): client rules apply
 * @param propertySchemas when the def is a plain property list (no required, no combinators
 *     beyond {@code allOf} of such defs), each property's compiled schema: keys are then
 *     validated one by one instead of building and validating the stripped sub-map, which is
 *     much cheaper for a client def with a hundred properties; null otherwise
 * @param inherits the prefix whose settings this client falls back to (e.g. {@code src.consumer.}
 *     inherits {@code src.kafka.}), "worker" when unset settings come from the Connect worker
 *     (unknown here), or null when unset settings take Kafka's defaults
 */
public record ClientPrefix(
    String prefix, String ref, Schema schema, PropertySet properties, boolean client,
    String inherits, Map<String, Schema> propertySchemas) {

  public static final String WORKER = "worker";
}

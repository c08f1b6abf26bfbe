package io.connectgate.validation;

import io.connectgate.connector.Origin;

/**
 * Where a finding is: the ConfigMap (or file), the data key holding the connector JSON
 * (null for a bare connector file) and a JSON Pointer into that document, such as
 * {@code /config/src.kafka.security.protocol} (unescaped for display).
 */
public record Location(Origin origin, String dataKey, String pointer) {}

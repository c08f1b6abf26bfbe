package io.connectgate.policy;

import io.connectgate.connector.JsonPointers;
import io.connectgate.validation.Location;
import java.util.List;
import java.util.Map;

/**
 * What the policy needs to know of one connector document.
 *
 * @param document location of the document (pointer ignored)
 * @param pointerPrefix JSON Pointer prefix of config keys: "/config/" for the POST shape,
 *     "/" for the flat PUT shape
 * @param namespace the ConfigMap's namespace ("" when unknown)
 * @param config the flat connector config, values as strings
 * @param connections the config prefixes that each open a Kafka connection (from the
 *     connector's schema), e.g. "src.kafka.", "dest.kafka."
 */
public record ConnectorFacts(
    Location document,
    String pointerPrefix,
    String namespace,
    Map<String, String> config,
    List<Connection> connections) {

  Location at(String key) {
    return new Location(document.origin(), document.dataKey(),
        pointerPrefix + JsonPointers.escape(key));
  }
}

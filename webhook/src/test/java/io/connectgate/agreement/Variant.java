package io.connectgate.agreement;

import java.util.Map;

/**
 * One config sent to both connectgate and Kafka Connect's validation.
 *
 * @param id stable name: base config / what changed (listed in disagreements.txt)
 * @param config the flat connector config (values as the REST API receives them: strings)
 */
record Variant(String id, Map<String, String> config) {

  String connectorClass() {
    return config.get("connector.class");
  }
}

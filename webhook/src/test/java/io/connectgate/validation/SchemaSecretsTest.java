package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Kafka's PASSWORD settings reach the engine as x-connectgate-sensitive (generated). */
class SchemaSecretsTest {

  private static final SchemaCatalog CATALOG = TestCatalogs.repository();

  @Test
  void passwordTypedSettingsAreSensitiveAtTheRootAndUnderPrefixes() {
    ConnectorSchema mirror = CATALOG.schemaFor(
        "org.apache.kafka.connect.mirror.MirrorSourceConnector");
    // SensitiveKeys also lists Kafka's PASSWORD settings by name; this proves the schemas carry
    // the classification on their own (a user's generated plugin schema relies on it).
    assertTrue(SchemaSecrets.isSensitive(mirror, "ssl.truststore.certificates"),
        "MirrorConnectorConfig's PASSWORD setting at the root");
    assertTrue(SchemaSecrets.isSensitive(mirror, "source.cluster.ssl.keystore.certificate.chain"),
        "a PASSWORD setting under source.cluster.");
    assertTrue(SchemaSecrets.isSensitive(mirror, "target.producer.ssl.truststore.certificates"),
        "a PASSWORD setting under target.producer.");
    assertFalse(SchemaSecrets.isSensitive(mirror, "ssl.truststore.location"),
        "a STRING setting is not sensitive");
  }

  @Test
  void theirValuesAreCollectedForScrubbing() {
    ConnectorSchema mirror = CATALOG.schemaFor("MirrorSource");
    ObjectNode config = JsonMapper.builder().build().createObjectNode()
        .put("ssl.truststore.certificates", "-----BEGIN CERTIFICATE----- abc")
        .put("topics", "orders");
    List<String> values = new ArrayList<>();
    SchemaSecrets.addValues(mirror, config, values);
    assertEquals(List.of("-----BEGIN CERTIFICATE----- abc"), values,
        "expected only the PASSWORD setting's value");
  }
}

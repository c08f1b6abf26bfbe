package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

  @ParameterizedTest
  @ValueSource(strings = {"sasl.jaas.config", "src.kafka.sasl.jaas.config",
      "producer.override.sasl.jaas.config", "ssl.key.password", "src.kafka.ssl.truststore.password",
      "connection.password", "PASSWORD", "client.secret", "aws.secret.access.key",
      "basic.auth.user.info", "schema.registry.basic.auth.user.info", "ssl.keystore.key",
      "ssl.key.password", "src.kafka.ssl.keystore.certificate.chain.ssl.key"})
  void sensitiveKeys(String key) {
    assertTrue(SecretScrubber.isSensitive(key), key + " is sensitive");
  }

  @ParameterizedTest
  @ValueSource(strings = {"topic", "tasks.max", "sasl.mechanism", "security.protocol",
      "ssl.truststore.location", "key.converter", "name", "connector.class"})
  void ordinaryKeys(String key) {
    assertFalse(SecretScrubber.isSensitive(key), key + " is not sensitive");
  }

  @Test
  void scrubsWholeValuesInnerJaasPasswordsAndTheirJsonEscapedForms() {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required"
        + " username=\"svc\" password=\"pa\\s9\";";
    SecretScrubber s = SecretScrubber.forConfig(Map.of(
        "src.kafka.sasl.jaas.config", jaas, "ssl.key.password", "k3y", "topic", "orders"));

    assertEquals("Invalid value [redacted] for ssl.key.password",
        s.scrub("Invalid value k3y for ssl.key.password"), "plain value masked");
    assertEquals("bad jaas: [redacted]", s.scrub("bad jaas: " + jaas), "whole JAAS masked");
    assertEquals("login failed for password [redacted]",
        s.scrub("login failed for password pa\\s9"), "password inside JAAS masked alone too");
    String escaped = jaas.replace("\\", "\\\\").replace("\"", "\\\"");
    assertEquals("{\"message\":\"[redacted]\"}", s.scrub("{\"message\":\"" + escaped + "\"}"),
        "JSON-escaped JAAS inside a raw body masked");
    assertEquals("topic orders", s.scrub("topic orders"), "ordinary values untouched");
  }

  @Test
  void noSensitiveSettingsLeavesTextAlone() {
    SecretScrubber s = SecretScrubber.forConfig(Map.of("topic", "orders", "password.x", ""));
    assertEquals("topic orders", s.scrub("topic orders"), "nothing to mask");
  }
}

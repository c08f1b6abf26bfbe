package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Confluent's Schema Registry converters (confluent-converters.schema.json): a connector that
 * names one gets it configured from its own {@code <prefix>.*} settings only (Kafka's
 * Plugins.newConverter), and its configure() requires {@code schema.registry.url}.
 */
class SchemaRegistryConvertersTest {

  private static List<Finding> findings(String converterSettings) {
    return FileSinkFindings.with(converterSettings);
  }

  @ParameterizedTest
  @ValueSource(strings = {"io.confluent.connect.avro.AvroConverter", "AvroConverter", "Avro",
      "io.confluent.connect.protobuf.ProtobufConverter", "Protobuf",
      "io.confluent.connect.json.JsonSchemaConverter", "JsonSchema"})
  void aConverterNamedWithoutItsRegistryUrlIsAnError(String converter) {
    List<Finding> found = findings(", \"value.converter\": \"" + converter + "\"");
    assertEquals(1, found.size(), found::toString);
    Finding f = found.get(0);
    assertEquals("/config/value.converter.schema.registry.url", f.location().pointer(), f::toString);
    assertEquals(Severity.ERROR, f.severity(), f::toString);
    assertTrue(f.message().contains("is required") && f.message().contains(
        "reads only the connector's own value.converter.* settings, not the worker's"), f::toString);
  }

  @Test
  void theUrlUnderItsOwnPrefixOrAsAReferenceIsEnough() {
    assertEquals(List.of(), findings(", \"key.converter\": \"AvroConverter\","
        + " \"key.converter.schema.registry.url\": \"http://sr:8081\","
        + " \"value.converter\": \"ProtobufConverter\","
        + " \"value.converter.schema.registry.url\": \"${env:SR_URL}\","
        + " \"value.converter.auto.register.schemas\": \"false\""));
  }

  @Test
  void theUrlOfTheOtherPrefixDoesNotCount() {
    List<Finding> found = findings(", \"key.converter\": \"StringConverter\","
        + " \"key.converter.schema.registry.url\": \"http://sr:8081\","
        + " \"value.converter\": \"JsonSchemaConverter\"");
    assertEquals(List.of("/config/value.converter.schema.registry.url"),
        found.stream().map(f -> f.location().pointer()).toList(), found::toString);
  }
}

package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.SimpleDateFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TimestampConverter's configure() and TimestampRouter's first record, as Kafka's transforms
 * do them: a format SimpleDateFormat refuses, or none for a string target.
 */
class TimestampTransformsRuleTest {

  private static List<Finding> findings(String transform) {
    return FileSinkFindings.with(", \"transforms\": \"t\"" + transform);
  }

  private static List<String> pointers(List<Finding> found) {
    return found.stream().map(f -> f.location().pointer()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yyyy-MM-dd'T", "yyyyMMddQ", "HH:mm:ss.SSS bb"})
  void patternsJavaRefusesAreErrors(String pattern) {
    assertThrows(IllegalArgumentException.class, () -> new SimpleDateFormat(pattern), "what Kafka meets");
    List<Finding> converter = findings(", \"transforms.t.type\": \"org.apache.kafka.connect.transforms.TimestampConverter$Value\","
        + " \"transforms.t.field\": \"when\", \"transforms.t.target.type\": \"unix\", \"transforms.t.format\": \""
        + pattern + "\"");
    assertEquals(List.of("/config/transforms.t.format"), pointers(converter), converter::toString);
    assertTrue(converter.get(0).message().contains("TimestampConverter refuses to start"), converter::toString);
    List<Finding> router = findings(", \"transforms.t.type\": \"org.apache.kafka.connect.transforms.TimestampRouter\","
        + " \"transforms.t.timestamp.format\": \"" + pattern + "\"");
    assertEquals(List.of("/config/transforms.t.timestamp.format"), pointers(router), router::toString);
    assertEquals(Severity.ERROR, router.get(0).severity(), router::toString);
    assertTrue(router.get(0).message().contains("TimestampRouter fails on every record"), router::toString);
  }

  @Test
  void aStringTargetNeedsAFormat() {
    for (String format : new String[] {"", ", \"transforms.t.format\": \"  \""}) {
      List<Finding> found = findings(", \"transforms.t.type\": \"org.apache.kafka.connect.transforms.TimestampConverter$Key\","
          + " \"transforms.t.target.type\": \"string\"" + format);
      assertEquals(List.of("/config/transforms.t.format"), pointers(found), found::toString);
      assertTrue(found.get(0).message().contains("required when transforms.t.target.type is string"), found::toString);
    }
  }

  @Test
  void validPatternsDefaultsAndReferencesPass() {
    assertEquals(List.of(), findings(", \"transforms.t.type\": \"org.apache.kafka.connect.transforms.TimestampConverter$Value\","
        + " \"transforms.t.target.type\": \"string\", \"transforms.t.format\": \" yyyy-MM-dd'T'HH:mm:ss.SSSXXX \""));
    assertEquals(List.of(), findings(", \"transforms.t.type\": \"org.apache.kafka.connect.transforms.TimestampConverter$Value\","
        + " \"transforms.t.target.type\": \"Timestamp\""), "no format needed for a non-string target");
    assertEquals(List.of(), findings(", \"transforms.t.type\": \"TimestampRouter\""), "the default yyyyMMdd");
    assertEquals(List.of(), findings(", \"transforms.t.type\": \"TimestampRouter\","
        + " \"transforms.t.timestamp.format\": \"${env:ROUTE_FORMAT}\""));
  }
}

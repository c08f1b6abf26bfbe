package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strimzi {@code KafkaConnector} ({@code v1beta2} and {@code v1}) and Confluent for Kubernetes
 * {@code Connector} resources through validate and mutate: the same engine, findings at
 * {@code /spec/config/PROP} ({@code /spec/configs/PROP}) and their lines, Strimzi's forbidden
 * keys, config provider values not type-checked, and no mutation.
 */
class ConnectorResourcesCliTest {

  static final Path RESOURCES = ValidateFormatsTest.RESOURCES;

  @Test
  void resourcesAreValidatedWithTheirOwnPointers() {
    CliRun r = CliRun.run("validate", RESOURCES.toString());
    assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
    List<String> lines = ValidateCommandTest.findingLines(r);
    String f = RESOURCES.toString();
    assertEquals(List.of(
        f + ":30:5: kafka/bad-source /spec/config/connector.class: ERROR",
        f + ":31:5: kafka/bad-source /spec/config/tasks.max: ERROR",
        f + ":32:5: kafka/bad-source /spec/config/name: ERROR",
        f + ":36:5: kafka/bad-source /spec/config/offset.lag.max: ERROR",
        f + ":53:5: confluent/cfk-source /spec/configs/offset.lag.max: ERROR"),
        lines.stream().map(l -> l.substring(0, l.indexOf(": ERROR") + ": ERROR".length())).toList(),
        () -> "v1 forbidden keys, a bad integer in v1 and in CFK configs; " + r);
    assertTrue(lines.get(0).endsWith("set spec.class instead (forbidden-key)"), () -> "says what to do; " + r);
    assertTrue(lines.get(1).contains("set spec.tasksMax instead"), () -> "says what to do; " + r);
    // Control: offset.lag.max "lots" is an error, so the ${secrets:...} value of mm2-source
    // passing shows that config provider references are not type-checked.
    assertFalse(r.out().contains("mm2-source"), () -> "v1beta2 resource with a provider value is clean; " + r);
    assertTrue(r.out().contains("3 connectors"), () -> "all three resources counted; " + r);
  }

  @Test
  void missingClassAndMissingSettingsPointIntoTheSpec() throws IOException {
    Path file = Files.createTempFile("kc", ".yaml");
    try {
      Files.writeString(file, """
          apiVersion: kafka.strimzi.io/v1beta2
          kind: KafkaConnector
          metadata:
            name: no-class
          spec:
            tasksMax: 0
            config:
              topics: a
          ---
          apiVersion: kafka.strimzi.io/v1
          kind: KafkaConnector
          metadata:
            name: mm2
          spec:
            class: org.apache.kafka.connect.mirror.MirrorSourceConnector
            tasksMax: 0
            config:
              source.cluster.alias: east
          """);
      CliRun r = CliRun.run("validate", file.toString());
      assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
      assertTrue(r.out().contains(file + ":5:1: no-class /spec/class: ERROR is required"),
          () -> "a missing class at spec.class, placed at spec; " + r);
      assertTrue(r.out().contains(file + ":16:3: mm2 /spec/tasksMax: ERROR must be at least 1"),
          () -> "tasks.max findings point at spec.tasksMax; " + r);
      assertTrue(r.out().contains(file + ":17:3: mm2 /spec/config/source.cluster.bootstrap.servers: ERROR"),
          () -> "a missing required setting at spec.config; " + r);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void mutateNeverChangesResources() throws IOException {
    String text = Files.readString(RESOURCES).replace("offset.lag.max: lots", "offset.lag.max: 5")
        .replace("offset.lag.max: \"lots\"", "offset.lag.max: \"5\"")
        .replaceAll("(?m)^    (connector.class|tasks.max|name): .*\\n", "");
    CliRun valid = CliRun.withStdin(text, "validate", "-");
    assertEquals(0, valid.exitCode(), () -> "the fixed resources are valid; " + valid);
    CliRun r = CliRun.withStdin(text, "mutate", "-");
    assertEquals(0, r.exitCode(), () -> "exit 0; " + r);
    assertEquals(text, r.out(), "resources (and everything else) printed byte for byte");
  }
}

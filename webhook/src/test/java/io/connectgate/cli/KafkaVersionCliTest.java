package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code --kafka-version} on the commands that load the catalog: the verdict follows it, the
 * default is the pinned version, {@code CONNECTGATE_KAFKA_VERSION} sets it, and a version
 * without schemas is a usage error naming the supported ones.
 */
class KafkaVersionCliTest {

  @TempDir Path dir;
  private Path mm2;

  @BeforeEach
  void writeConnector() throws IOException {
    mm2 = Files.writeString(dir.resolve("mm2.json"), """
        {"name": "mm2", "config": {
          "connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
          "source.cluster.alias": "east", "target.cluster.alias": "west",
          "source.cluster.bootstrap.servers": "east:9092",
          "target.cluster.bootstrap.servers": "west:9092",
          "topics.blacklist": "a.*", "topics.exclude": "b.*"}}
        """);
  }

  private static String blacklistLine(CliRun r) {
    List<String> lines = r.out().lines().filter(l -> l.contains("/config/topics.blacklist"))
        .toList();
    assertEquals(1, lines.size(), () -> "expected one finding on topics.blacklist; " + r);
    return lines.get(0);
  }

  @Test
  void onKafka39TheOldNameBesideTheNewIsADeprecationWarning() {
    CliRun r = CliRun.run("validate", "--kafka-version", "3.9", mm2.toString());
    assertEquals(0, r.exitCode(), () -> "warnings only (Kafka 3.9 keeps topics.exclude); " + r);
    String line = blacklistLine(r);
    assertTrue(line.contains("WARNING") && line.contains("is deprecated and ignored")
        && line.endsWith("(deprecated-key-conflict)"), () -> "expected 3.9's warning; " + line);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.0", "4.1.1", "default"})
  void fromKafka40TheOldNameIsRemovedAndIgnored(String version) {
    CliRun r = "default".equals(version) ? CliRun.run("validate", mm2.toString())
        : CliRun.run("validate", "--kafka-version", version, mm2.toString());
    assertEquals(0, r.exitCode(), () -> "warnings only; " + r);
    String line = blacklistLine(r);
    assertTrue(line.contains("WARNING") && line.contains("was removed in Kafka 4.0 and is"
        + " ignored") && line.endsWith("(deprecated-key)"), () -> "expected removed-and-ignored"
        + " on " + version + "; " + line);
  }

  @Test
  void anUnsupportedVersionIsAUsageErrorNamingTheSupportedOnes() {
    CliRun r = CliRun.run("validate", "--kafka-version", "3.8", mm2.toString());
    assertEquals(2, r.exitCode(), () -> "expected a usage error; " + r);
    assertTrue(r.err().contains("--kafka-version") && r.err().contains("3.8")
        && r.err().contains("supported are 3.9, 4.0, 4.1, 4.2, 4.3"),
        () -> "expected the option, the value and the supported versions on stderr; " + r);
    assertFalse(r.out().contains("topics.blacklist"), () -> "expected nothing validated; " + r);
  }

  @Test
  void theEnvironmentSetsItAndIsCheckedToo() {
    ValidateCommand validate = new ValidateCommand();
    CommandLine cl = new CommandLine(validate);
    cl.setDefaultValueProvider(new EnvironmentDefaults(Map.of("CONNECTGATE_KAFKA_VERSION",
        "3.9.1")));
    cl.parseArgs(mm2.toString());
    assertEquals("3.9", validate.catalog.kafkaVersion, "expected CONNECTGATE_KAFKA_VERSION"
        + " honoured and resolved to its line");
    CommandLine bad = new CommandLine(new ValidateCommand());
    bad.setDefaultValueProvider(new EnvironmentDefaults(Map.of("CONNECTGATE_KAFKA_VERSION",
        "2.0")));
    CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
        CommandLine.ParameterException.class, () -> bad.parseArgs(mm2.toString()),
        "expected a bad CONNECTGATE_KAFKA_VERSION refused");
    assertTrue(e.getMessage().contains("supported are"), () -> "got " + e.getMessage());
  }

  @Test
  void mutateAndSchemasTakeItToo() {
    CliRun mutate = CliRun.run("mutate", "--kafka-version", "3.9", mm2.toString());
    assertEquals(0, mutate.exitCode(), () -> "expected mutate to accept it; " + mutate);
    CliRun schemas = CliRun.run("schemas", "--kafka-version", "4.0");
    assertEquals(0, schemas.exitCode(), () -> "expected schemas to accept it; " + schemas);
    assertTrue(schemas.out().contains("Kafka 4.0"), () -> "expected the catalog's version"
        + " listed; " + schemas);
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "validate", "mutate", "audit", "deploy", "schemas"})
  void everyCommandThatLoadsTheCatalogDocumentsIt(String command) {
    CliRun r = CliRun.run(command, "--help");
    assertEquals(0, r.exitCode(), () -> command + " --help; " + r);
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--kafka-version") && help.contains("(3.9, 4.0, 4.1, 4.2, 4.3)"),
        () -> "expected --kafka-version with the supported versions in " + command + " --help; "
            + r);
  }
}

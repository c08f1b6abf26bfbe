package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integer settings carry the range of their Kafka ConfigDef type (INT, LONG, SHORT): a value
 * beyond it is a {@code schema} error here instead of a runtime failure in Kafka Connect.
 */
class SchemaIntegerRangeTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ConnectorEngine ENGINE = new ConnectorEngine(TestCatalogs.repository());

  /**
   * Integer settings allowed without a {@code maximum}, each with the reason. Add one only when
   * the setting's Kafka type cannot be determined.
   */
  private static final Map<String, String> WITHOUT_MAXIMUM = Map.of(
      "replicator.schema.json#/$defs/monitoringInterceptor/properties/publishMs",
      "Confluent monitoring interceptor setting: connect-config.md gives its default (15000)"
          + " but not its type, and its ConfigDef is not in the Kafka jars");

  @Test
  void everyIntegerSettingHasAMaximum() throws IOException {
    List<String> missing = new ArrayList<>();
    List<String> exempted = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestCatalogs.schemasDir())) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".schema.json"))
          .sorted().toList()) {
        JsonNode tree = JSON.readTree(Files.readString(file));
        collect(file.getFileName() + "#", tree, missing, exempted);
      }
    }
    assertTrue(missing.isEmpty(), () -> "expected every \"type\": \"integer\" setting to have a"
        + " maximum (its Kafka type's: INT 2147483647, LONG 9223372036854775807, SHORT 32767),"
        + " or an entry in WITHOUT_MAXIMUM with the reason; missing:\n  "
        + String.join("\n  ", missing));
    assertEquals(WITHOUT_MAXIMUM.keySet().stream().sorted().toList(),
        exempted.stream().sorted().toList(),
        "every WITHOUT_MAXIMUM entry names an integer setting that still lacks a maximum");
  }

  private static void collect(String location, JsonNode node, List<String> missing,
      List<String> exempted) {
    if (node.isObject()) {
      JsonNode type = node.get("type");
      if (type != null && type.isString() && "integer".equals(type.asString())
          && !node.has("maximum")) {
        (WITHOUT_MAXIMUM.containsKey(location) ? exempted : missing).add(location);
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(location + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue(),
            missing, exempted);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(location + "/" + i, node.get(i), missing, exempted);
      }
    }
  }

  private static final String REPLICATOR = """
      {"name": "r", "config": {
        "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
        "src.kafka.bootstrap.servers": "k:1", "topic.whitelist": "orders", %s}}""";

  /** The findings of a Replicator config with one more setting, as "pointer rule message". */
  private static List<String> findings(String setting) {
    Inspection i = ENGINE.inspectConnectorText(REPLICATOR.formatted(setting),
        new Origin("case.json", 0, null, null));
    return i.findings().stream()
        .map(f -> f.location().pointer() + " " + f.severity() + " " + f.rule() + " " + f.message())
        .toList();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      // INT at its maximum, as a JSON number and as a string
      "tasks.max | 2147483647",
      "tasks.max | \"2147483647\"",
      "topic.poll.interval.ms | 2147483647",
      "src.kafka.request.timeout.ms | 2147483647",
      // LONG at its maximum
      "src.kafka.retry.backoff.ms | 9223372036854775807",
      "src.kafka.linger.ms | \"9223372036854775807\"",
      "errors.retry.timeout | 9223372036854775807",
      // SHORT at its maximum
      "confluent.topic.replication.factor | 32767",
      "src.kafka.sasl.login.refresh.buffer.seconds | 3600"})
  void atTheMaximumIsAccepted(String key, String value) {
    assertEquals(List.of(), findings("\"" + key + "\": " + value),
        "expected " + key + " = " + value + " (the top of its Kafka type's range) accepted");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      // INT one above its maximum
      "tasks.max | 2147483648 | must be at most 2147483647",
      "tasks.max | \"2147483648\" | must be at most 2147483647",
      "topic.poll.interval.ms | 2147483648 | must be at most 2147483647",
      "src.kafka.request.timeout.ms | 2147483648 | must be at most 2147483647",
      "src.consumer.max.poll.records | \"2147483648\" | must be at most 2147483647",
      // LONG one above its maximum: beyond Java's long, reaches the validator as text
      "src.kafka.retry.backoff.ms | 9223372036854775808 | must be at most 9223372036854775807",
      "src.kafka.linger.ms | \"9223372036854775808\" | must be at most 9223372036854775807",
      "errors.retry.timeout | 9223372036854775808 | must be at most 9223372036854775807",
      "errors.retry.timeout | 123456789012345678901234567890"
          + " | must be at most 9223372036854775807",
      // SHORT one above its maximum, and a range validator's bound
      "dest.kafka.sasl.login.refresh.buffer.seconds | 3601 | must be at most 3600",
      "src.kafka.compression.zstd.level | 23 | must be at most 22"})
  void beyondTheMaximumIsASchemaError(String key, String value, String message) {
    assertEquals(List.of("/config/" + key + " ERROR schema " + message),
        findings("\"" + key + "\": " + value),
        "expected one schema error for " + key + " = " + value);
  }

  @Test
  void aReplicationFactorIsAShort() {
    assertEquals(List.of("/config/offset-syncs.topic.replication.factor ERROR schema must be at"
            + " most 32767"), mirror("\"offset-syncs.topic.replication.factor\": 32768"),
        "expected a schema error above 32767");
    assertEquals(List.of(), mirror("\"offset-syncs.topic.replication.factor\": 32767"),
        "expected 32767 accepted");
    // MirrorSourceConfig defines replication.factor as an INT: Kafka 4.1's validation accepts
    // 32768 (the generated schema follows Kafka, KafkaAgreementTest measures it).
    assertEquals(List.of(), mirror("\"replication.factor\": 32768"),
        "expected MirrorMaker's INT replication.factor to accept 32768, as Kafka does");
  }

  @Test
  void gzipLevelZeroIsRejectedLikeKafkasValidator() {
    assertEquals(List.of("/config/src.kafka.compression.gzip.level ERROR schema must be -1"
            + " (the codec's default level) or 1 to 9"),
        findings("\"src.kafka.compression.gzip.level\": 0"),
        "expected 0 rejected with the setting's description");
    assertEquals(List.of(), findings("\"src.kafka.compression.gzip.level\": -1"),
        "expected -1 (the default level) accepted");
  }

  private static List<String> mirror(String setting) {
    Inspection i = ENGINE.inspectConnectorText("""
        {"name": "m", "config": {
          "connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
          "source.cluster.alias": "a", "source.cluster.bootstrap.servers": "s:1",
          "target.cluster.bootstrap.servers": "t:1", %s}}""".formatted(setting),
        new Origin("case.json", 0, null, null));
    return i.findings().stream()
        .map(f -> f.location().pointer() + " " + f.severity() + " " + f.rule() + " " + f.message())
        .toList();
  }
}

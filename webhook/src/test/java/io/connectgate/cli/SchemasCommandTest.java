package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** {@code schemas}: what the catalog holds, built-in and with a user directory. */
class SchemasCommandTest {

  static final Path USER = Path.of("src/test/resources/user-schemas");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static Map<String, JsonNode> byFile(CliRun r) {
    Map<String, JsonNode> files = new HashMap<>();
    for (JsonNode f : JSON.readTree(r.out()).path("schemas")) {
      files.put(f.path("file").asString(), f);
    }
    return files;
  }

  @Test
  void builtInCatalogAsJson() {
    CliRun r = CliRun.run("schemas", "-o", "json");
    assertEquals(0, r.exitCode(), () -> "listing exits 0; " + r);
    assertEquals("built-in", JSON.readTree(r.out()).path("source").asString(), "source");
    Map<String, JsonNode> files = byFile(r);
    assertEquals(List.of("confluent-converters.schema.json", "connect-base.schema.json", "filestream-sink.schema.json",
        "filestream-source.schema.json", "kafka-clients.schema.json", "kafka-connect.schema.json",
        "kafka-mirror.schema.json", "kafka-plugins.schema.json", "mirror-checkpoint.schema.json",
        "mirror-common.schema.json", "mirror-heartbeat.schema.json", "mirror-source.schema.json",
        "replicator.schema.json"), files.keySet().stream().sorted().toList(),
        "every built-in file, libraries included");
    assertEquals("fallback", files.get("connect-base.schema.json").path("kind").asString(),
        "connect-base is the fallback");
    assertEquals("library", files.get("mirror-common.schema.json").path("kind").asString(),
        "mirror-common claims nothing");
    assertEquals("library", files.get("confluent-converters.schema.json").path("kind").asString(),
        "the Schema Registry converters are plugins, not connectors");
    assertEquals("org.apache.kafka.connect.mirror.MirrorSourceConnector",
        files.get("mirror-source.schema.json").path("claims").get(0).asString(),
        "classes claimed");
    List<String> origins = new ArrayList<>();
    files.values().forEach(f -> origins.add(f.path("origin").asString()));
    assertTrue(origins.stream().allMatch("built-in"::equals), () -> "all built-in; " + r);
  }

  @Test
  void userDirectoryIsListedWithItsPath() {
    CliRun r = CliRun.run("schemas", "--schemas", USER.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), () -> "listing exits 0; " + r);
    JsonNode acme = byFile(r).get("acme-sink.schema.json");
    assertEquals(USER.resolve("acme-sink.schema.json").toString(), acme.path("origin").asString(),
        "origin is the path of the user file");
    assertEquals("com.example.AcmeSinkConnector", acme.path("claims").get(0).asString(),
        "the in-house class is claimed");
    assertTrue(byFile(r).containsKey("replicator.schema.json"), "built-ins are still listed");
  }

  @Test
  void textListing() {
    CliRun r = CliRun.run("schemas", "--schemas", USER.toString());
    assertEquals(0, r.exitCode(), () -> "listing exits 0; " + r);
    for (String expected : List.of("schema catalog: built-in + " + USER,
        "acme-sink.schema.json — Acme warehouse sink\n  from: " + USER.resolve("acme-sink.schema.json")
            + "\n  claims: com.example.AcmeSinkConnector",
        "connect-base.schema.json — Kafka Connect connector (generic)\n  from: built-in\n"
            + "  fallback: validates every connector class no other schema claims",
        "mirror-common.schema.json — MirrorMaker 2 (shared)\n  from: built-in\n  library:")) {
      assertTrue(r.out().contains(expected), () -> "expected '" + expected + "' in; " + r);
    }
  }

  @Test
  void brokenDirectoryExitsTwoNamingTheFile() {
    Path broken = Path.of("src/test/resources/user-schemas-broken-json");
    CliRun r = CliRun.run("schemas", "--schemas", broken.toString());
    assertEquals(2, r.exitCode(), () -> "a catalog that does not load: exit 2; " + r);
    assertTrue(r.err().contains(broken.resolve("broken.schema.json") + ": invalid JSON"),
        () -> "stderr names the broken file; " + r);
    assertTrue(r.out().isEmpty(), () -> "nothing listed; " + r);
  }
}

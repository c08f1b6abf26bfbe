package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deploy command against a real Kafka Connect worker: Apache Kafka's own
 * EmbeddedConnectCluster (one in-process KRaft broker, one distributed worker on 127.0.0.1),
 * started once for the class. The connector is Kafka's FileStreamSource.
 */
@Tag("connect")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployAgainstConnectTest {

  private static final String FILE_SOURCE =
      "org.apache.kafka.connect.file.FileStreamSourceConnector";


  private ConnectWorker worker;
  private EmbeddedConnectCluster connect;
  private String url;
  @TempDir Path dir;

  @BeforeAll
  void startConnect() {
    worker = ConnectWorker.start("connectgate-deploy", Map.of("offset.flush.interval.ms", "1000"));
    connect = worker.cluster();
    url = worker.url().toString();
    // The test broker does not auto-create topics: the file sources' producers need them.
    for (String topic : new String[] {"cg-lifecycle-a", "cg-lifecycle-b", "cg-late"}) {
      connect.kafka().createTopic(topic, 1);
    }
  }

  @AfterAll
  void stopConnect() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void createsThenUpdatesThenReappliesAndEachTimeTheConnectorRuns() throws IOException {
    String name = "file-source-lifecycle";
    Path input = Files.writeString(dir.resolve("in.txt"), "hello\n");
    Path file = writeJson("lifecycle.json", Map.of("name", name, "config", Map.of(
        "connector.class", FILE_SOURCE, "tasks.max", 1, "file", input.toString(),
        "topic", "cg-lifecycle-a")));

    CommandRun created = CommandRun.of("deploy", "--connect-url", url, "--timeout", "60s",
        "--poll-interval", "200ms", "--validate-remote", file.toString());
    assertEquals(0, created.exit(), "first apply validates, creates and runs: " + created.show());
    assertTrue(created.out().contains("Connect validated " + name + ": no errors"),
        created.show());
    assertTrue(created.out().contains("created connector " + name), created.show());
    assertRunning(name);

    // The update comes as the ConfigMap the example chart renders, with one setting changed.
    Path configMap = dir.resolve("configmap.yaml");
    String json = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
        .replace("cg-lifecycle-a", "cg-lifecycle-b");
    Files.writeString(configMap, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: file-source\ndata:\n  connector.json: '" + json + "'\n");
    CommandRun updated = deploy(configMap);
    assertEquals(0, updated.exit(), "changed setting updates and runs: " + updated.show());
    assertTrue(updated.out().contains("updated connector " + name), updated.show());
    assertEquals("cg-lifecycle-b", connect.connectorInfo(name).config().get("topic"),
        "Connect holds the changed topic after the update");
    assertRunning(name);

    CommandRun again = deploy(configMap);
    assertEquals(0, again.exit(), "re-applying unchanged is not an error (no 409): "
        + again.show());
    assertRunning(name);
  }

  @Test
  void deleteRemovesTheConnectorAndASecondDeleteStillSucceeds() throws IOException {
    String name = "file-source-delete";
    Path input = Files.writeString(dir.resolve("delete.txt"), "bye\n");
    Path file = writeJson("delete.json", Map.of("name", name, "config", Map.of(
        "connector.class", FILE_SOURCE, "tasks.max", "1", "file", input.toString(),
        "topic", "cg-lifecycle-a")));
    assertEquals(0, deploy(file).exit(), "deployed first");
    assertTrue(connect.connectors().contains(name), "Connect has the connector");

    CommandRun deleted = CommandRun.of("deploy", "--delete", "--connect-url", url,
        "--timeout", "30s", file.toString());
    assertEquals(0, deleted.exit(), "--delete PATH exits 0: " + deleted.show());
    assertTrue(deleted.out().contains("connector " + name + " deleted"), deleted.show());
    assertFalse(connect.connectors().contains(name), "Connect no longer lists the connector");

    CommandRun again = CommandRun.of("deploy", "--delete", "--connect-url", url,
        "--timeout", "30s", "--connector", name);
    assertEquals(0, again.exit(), "a second delete (404) is success: " + again.show());
    assertTrue(again.out().contains("did not exist"), again.show());
    assertFalse(connect.connectors().contains(name), "still gone");
  }

  @Test
  void configConnectRejectsExitsOneWithConnectsMessage() throws IOException {
    String name = "file-source-no-converter";
    // A converter class this worker lacks: well-formed, so the local check (which cannot know
    // the worker's plugins) lets it through, and Connect rejects it.
    Path file = writeJson("no-converter.json", Map.of("name", name, "config", Map.of(
        "connector.class", FILE_SOURCE, "tasks.max", "1", "file", "/tmp/x", "topic", "cg-x",
        "value.converter", "org.example.MissingConverter")));

    CommandRun run = deploy(file);

    assertEquals(1, run.exit(), "a config Connect rejects exits 1: " + run.show());
    assertTrue(run.err().contains("Connect rejected connector " + name + " (HTTP 400)"),
        "names the 400: " + run.show());
    assertTrue(run.err().contains("value.converter"),
        "prints Connect's message about the missing converter class: " + run.show());
    assertFalse(connect.connectors().contains(name), "no connector was created");
  }

  @Test
  void sensitiveValuesOfARejectedConfigAreNeverPrinted() throws IOException {
    String name = "file-source-secret";
    String password = "K3yS3cret777";
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required"
        + " username=\"svc\" password=\"hunter2-XyZ\";";
    // value.converter (a well-formed class name this worker lacks, which the local check cannot
    // know) carries the same text as the key password: Connect quotes the invalid value back
    // ("Invalid value ... for configuration value.converter"), so the secret reaches deploy.
    Path file = writeJson("secret.json", Map.of("name", name, "config", Map.of(
        "connector.class", FILE_SOURCE, "tasks.max", "1", "value.converter", password,
        "file", "/tmp/x",
        "topic", "cg-secret", "ssl.key.password", password,
        "producer.override.sasl.jaas.config", jaas)));

    for (boolean validateRemote : new boolean[] {false, true}) {
      CommandRun run = validateRemote
          ? CommandRun.of("deploy", "--connect-url", url, "--timeout", "30s",
              "--validate-remote", file.toString())
          : deploy(file);
      assertEquals(1, run.exit(), "rejected (validate-remote=" + validateRemote + "): "
          + run.show());
      assertTrue(run.all().contains("value.converter"),
          "Connect's complaint about value.converter is shown: " + run.show());
      assertFalse(run.all().contains(password), "the key password never appears: "
          + run.show());
      assertFalse(run.all().contains("hunter2-XyZ"), "the JAAS password never appears: "
          + run.show());
      assertTrue(run.all().contains(SecretScrubber.MASK),
          "the echoed value is shown as " + SecretScrubber.MASK + ": " + run.show());
    }
  }

  @Test
  void aTaskThatCannotStartExitsOneWithTheFirstLineOfItsTrace() throws IOException {
    String name = "file-source-bad-producer";
    // Connect accepts client overrides without checking their values (the default override
    // policy is All), so the task fails when the worker builds its producer. The local check
    // accepts the value too: a well-formed host:port in the reserved .invalid domain, which
    // never resolves, so the producer refuses to start ("No resolvable bootstrap urls").
    Path file = writeJson("bad-producer.json", Map.of("name", name, "config", Map.of(
        "connector.class", FILE_SOURCE, "tasks.max", "1", "file", "/tmp/x",
        "topic", "cg-lifecycle-a", "producer.override.bootstrap.servers", "kafka.nosuch.invalid:9092")));

    CommandRun run = deploy(file);

    assertEquals(1, run.exit(), "a FAILED task exits 1: " + run.show());
    assertTrue(run.err().contains("task 0 FAILED: "), "names the failed task: " + run.show());
    assertTrue(run.err().contains("Failed to construct kafka producer"), "the trace's first line: "
        + run.show());
    assertFalse(run.err().contains("\tat "), "only the first line of the trace: " + run.show());
    assertEquals("FAILED", connect.connectorStatus(name).tasks().get(0).state(),
        "Connect reports the task FAILED");
  }

  @Test
  void validateRemoteReportsConnectsPerSettingErrorsAndDeploysNothing() throws IOException {
    String name = "file-source-validate";
    Path file = writeJson("validate.json", Map.of("name", name, "config", Map.of(
        "connector.class", FILE_SOURCE, "tasks.max", "1", "file", "/tmp/x", "topic", "cg-x",
        "value.converter", "org.example.MissingConverter")));

    CommandRun run = CommandRun.of("deploy", "--connect-url", url, "--timeout", "30s",
        "--validate-remote", file.toString());

    assertEquals(1, run.exit(), "validation errors exit 1: " + run.show());
    assertTrue(run.err().contains("/config/value.converter: "),
        "prints a /config/KEY: message line for the missing converter class: " + run.show());
    assertFalse(connect.connectors().contains(name), "nothing deployed after errors");
  }

  @Test
  void waitsForConnectThatComesUpLater() throws Exception {
    String name = "file-source-late";
    Path input = Files.writeString(dir.resolve("late.txt"), "late\n");
    Path file = writeJson("late.json", Map.of("name", name, "config", Map.of(
        "connector.class", FILE_SOURCE, "tasks.max", "1", "file", input.toString(),
        "topic", "cg-late")));
    int port = TcpForwarder.freePort();
    int workerPort = URI.create(url).getPort();

    CompletableFuture<CommandRun> running = CompletableFuture.supplyAsync(() ->
        CommandRun.of("deploy", "--connect-url", "http://127.0.0.1:" + port, "--timeout", "60s",
            "--poll-interval", "200ms", file.toString()));
    Thread.sleep(2500);
    assertFalse(running.isDone(), "deploy is still retrying while nothing listens");
    try (TcpForwarder ignored = new TcpForwarder(port, workerPort)) {
      CommandRun run = running.get(60, TimeUnit.SECONDS);
      assertEquals(0, run.exit(), "deploy succeeds once Connect is up: " + run.show());
      assertTrue(run.out().contains("connection refused"),
          "it said it retried after connection refused: " + run.show());
      assertRunning(name);
    }
  }

  @Test
  void unreachableConnectExitsFourWithinTheTimeout() throws IOException {
    Path file = writeJson("nowhere.json", Map.of("name", "nowhere", "config", Map.of(
        "connector.class", FILE_SOURCE, "topic", "t", "file", "/tmp/x")));
    int port = TcpForwarder.freePort();

    CommandRun run = CommandRun.of("deploy", "--connect-url", "http://127.0.0.1:" + port,
        "--timeout", "2s", file.toString());

    assertEquals(4, run.exit(), "unreachable Connect exits 4: " + run.show());
    assertTrue(run.millis() < 6000, "gave up within about the 2 s timeout: " + run.show());
    assertTrue(run.err().contains("unreachable"), "says Connect is unreachable: " + run.show());
  }

  private CommandRun deploy(Path file) {
    return CommandRun.of("deploy", "--connect-url", url, "--timeout", "60s",
        "--poll-interval", "200ms", file.toString());
  }

  private void assertRunning(String name) {
    ConnectorStateInfo status = connect.connectorStatus(name);
    assertEquals("RUNNING", status.connector().state(), "Connect reports the connector RUNNING");
    assertFalse(status.tasks().isEmpty(), "Connect reports at least one task");
    status.tasks().forEach(t -> assertEquals("RUNNING", t.state(),
        "Connect reports task " + t.id() + " RUNNING"));
  }

  private Path writeJson(String fileName, Map<String, Object> document) throws IOException {
    Path p = dir.resolve(fileName);
    Files.writeString(p, JsonMapper.builder().build().writeValueAsString(document));
    return p;
  }
}

package io.connectgate.connect;

import static io.connectgate.connect.ScriptedConnect.answer;
import static io.connectgate.connect.ScriptedConnect.error;
import static io.connectgate.connect.ScriptedConnect.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry classification and status interpretation against a scripted Connect REST API. */
class ConnectorDeployerTest {

  private static final String PUT = "PUT /connectors/c/config";
  private static final String STATUS = "GET /connectors/c/status";
  private static final RetryPolicy FAST =
      new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(40), 2.0);

  private ScriptedConnect connect;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    connect = new ScriptedConnect();
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private ConnectorDefinition connector(String name) {
    return new ConnectorDefinition(name, Map.of("connector.class", "org.example.Source",
        "tasks.max", "1"));
  }

  private DeployOutcome deploy(String name, Duration timeout, int minTasks,
      boolean validateRemote) throws InterruptedException {
    return deployTo(connect.url(), name, timeout, minTasks, validateRemote);
  }

  private DeployOutcome deployTo(String url, String name, Duration timeout, int minTasks,
      boolean validateRemote) throws InterruptedException {
    ConnectClient client = new ConnectClient(URI.create(url),
        ConnectClient.defaultHttpClient(Duration.ofSeconds(2)));
    ConnectorDeployer deployer = new ConnectorDeployer(client,
        new ConnectorDeployer.Settings(timeout, Duration.ofMillis(20), validateRemote, false,
            minTasks, FAST),
        progress::add, () -> 0.5, System::nanoTime);
    return deployer.deploy(connector(name));
  }

  @Test
  void retries409And5xxThenWaitsThroughMissingStatusAndMissingTasks() throws Exception {
    connect.on(PUT, error(409, "rebalance in progress"), error(500, "Request timed out"),
            answer(201, "{\"name\":\"c\"}"))
        .on(STATUS, error(404, "No status found for connector c"), status("RUNNING"),
            status("RUNNING", "UNASSIGNED"), status("RUNNING", "RUNNING"));

    DeployOutcome outcome = deploy("c", Duration.ofSeconds(10), 1, false);

    assertEquals(new DeployOutcome.Running(true, 1), outcome,
        "created and running after 409, 500 and a status without tasks; progress: " + progress);
    assertEquals(3, connect.count(PUT), "PUT tried three times (409, 500, 201)");
    assertEquals(4, connect.count(STATUS), "status polled until the task ran");
    assertTrue(progress.stream().anyMatch(p -> p.contains("HTTP 409: rebalance in progress")),
        "the 409 retry is reported: " + progress);
  }

  @Test
  void otherClientErrorsFailFastWithConnectsMessage() throws Exception {
    connect.on(PUT, error(400, "Connector configuration is invalid"), answer(201, "{}"));

    DeployOutcome outcome = deploy("c", Duration.ofSeconds(10), 1, false);

    assertEquals(new DeployOutcome.Rejected(400, "Connector configuration is invalid"), outcome,
        "a 400 is final and carries Connect's message");
    assertEquals(1, connect.count(PUT), "no retry after a 400");
    assertEquals(0, connect.count(STATUS), "no status polling after a rejection");
  }

  @Test
  void persistentServerErrorsEndAsUnreachableAtTheDeadline() throws Exception {
    connect.on(PUT, error(503, "worker starting"));
    long start = System.nanoTime();

    DeployOutcome outcome = deploy("c", Duration.ofMillis(600), 1, false);

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(new DeployOutcome.Unreachable("HTTP 503: worker starting"), outcome,
        "5xx until the deadline ends as unreachable with the last error");
    assertTrue(connect.count(PUT) >= 3, "retried several times within 600 ms, got "
        + connect.count(PUT));
    assertTrue(millis >= 450 && millis < 2000,
        "kept trying until near the 600 ms deadline, took " + millis + " ms");
  }

  @Test
  void failedTaskStopsWithTheFirstLineOfItsTrace() throws Exception {
    connect.on(PUT, answer(200, "{}")).on(STATUS, status("RUNNING", "RUNNING", "FAILED"));

    DeployOutcome outcome = deploy("c", Duration.ofSeconds(10), 1, false);

    assertEquals(new DeployOutcome.Failed("task 1",
            "org.apache.kafka.connect.errors.ConnectException: task 1 broke"), outcome,
        "a FAILED task ends the wait with its trace's first line only");
  }

  @Test
  void failedConnectorStopsTheWait() throws Exception {
    connect.on(PUT, answer(201, "{}")).on(STATUS, answer(200,
        "{\"connector\":{\"state\":\"FAILED\",\"trace\":\"java.lang.IllegalStateException: no"
            + " file\\n\\tat X\"},\"tasks\":[]}"));

    DeployOutcome outcome = deploy("c", Duration.ofSeconds(10), 1, false);

    assertEquals(new DeployOutcome.Failed("connector",
        "java.lang.IllegalStateException: no file"), outcome, "connector FAILED is reported");
  }

  @Test
  void notRunningBeforeTheDeadlineTimesOutWithTheLastState() throws Exception {
    connect.on(PUT, answer(200, "{}")).on(STATUS, status("RUNNING", "UNASSIGNED"));

    DeployOutcome outcome = deploy("c", Duration.ofMillis(500), 1, false);

    assertEquals(new DeployOutcome.TimedOut("connector RUNNING, tasks: 1 UNASSIGNED"), outcome,
        "times out and says where the connector stood");
  }

  @Test
  void anUpdateIsNotTakenAsRunningOnTheFirstStaleRunningStatus() throws Exception {
    // The first RUNNING is the previous generation; the restarted task then fails.
    connect.on(PUT, answer(200, "{}"))
        .on(STATUS, status("RUNNING", "RUNNING"), status("RUNNING", "FAILED"));

    DeployOutcome outcome = deploy("c", Duration.ofSeconds(5), 1, false);

    assertEquals(new DeployOutcome.Failed("task 0",
            "org.apache.kafka.connect.errors.ConnectException: task 0 broke"), outcome,
        "an update needs two RUNNING polls in a row, so the failure after a stale RUNNING shows");
  }

  @Test
  void anUpdateRunsAfterTwoRunningPollsInARow() throws Exception {
    connect.on(PUT, answer(200, "{}")).on(STATUS, status("RUNNING", "RUNNING"));

    assertEquals(new DeployOutcome.Running(false, 1),
        deploy("c", Duration.ofSeconds(5), 1, false), "update confirmed running");
    assertEquals(2, connect.count(STATUS), "confirmed by exactly two polls");
  }

  @Test
  void zeroMinTasksAcceptsARunningConnectorWithoutTasks() throws Exception {
    connect.on(PUT, answer(200, "{}")).on(STATUS, status("RUNNING"));

    assertEquals(new DeployOutcome.Running(false, 0),
        deploy("c", Duration.ofSeconds(5), 0, false), "--min-tasks 0 accepts no tasks");
  }

  @Test
  void remoteValidationErrorsBecomeFindingsAndNothingIsDeployed() throws Exception {
    connect.on("PUT /connector-plugins/org.example.Source/config/validate", answer(200,
        "{\"name\":\"org.example.Source\",\"error_count\":2,\"configs\":["
            + "{\"definition\":{\"name\":\"topic\"},\"value\":{\"name\":\"topic\",\"value\":null,"
            + "\"errors\":[\"Missing required configuration \\\"topic\\\"\"]}},"
            + "{\"definition\":{\"name\":\"tasks.max\"},\"value\":{\"name\":\"tasks.max\","
            + "\"value\":\"1\",\"errors\":[]}},"
            + "{\"definition\":{\"name\":\"batch.size\"},\"value\":{\"name\":\"batch.size\","
            + "\"value\":\"x\",\"errors\":[\"Not a number\"]}}]}"));

    DeployOutcome outcome = deploy("c", Duration.ofSeconds(5), 1, true);

    assertEquals(new DeployOutcome.Invalid(2, List.of(
            "/config/topic: Missing required configuration \"topic\"",
            "/config/batch.size: Not a number")), outcome,
        "one /config/KEY line per error Connect reported");
    assertEquals(0, connect.count(PUT), "nothing deployed after validation errors");
  }

  @Test
  void namesAreEncodedAsOnePathSegmentAndTheBasePathIsKept() throws Exception {
    String name = "my connector/ä?";
    String encoded = "/connect/connectors/my%20connector%2F%C3%A4%3F";
    connect.on("PUT " + encoded + "/config", answer(201, "{}"))
        .on("GET " + encoded + "/status", status("RUNNING", "RUNNING"));

    DeployOutcome outcome = deployTo(connect.url() + "/connect/", name, Duration.ofSeconds(5),
        1, false);

    assertEquals(new DeployOutcome.Running(true, 1), outcome,
        "deployed under the encoded name; requests: " + connect.requests);
    String body = connect.requests.get(0).body();
    assertTrue(body.contains("\"name\":\"my connector/ä?\""),
        "the flat config carries the URL's name: " + body);
  }

  @Test
  void connectionRefusedIsRetriedUntilTheDeadline() throws Exception {
    int port = TcpForwarder.freePort();

    DeployOutcome outcome = deployTo("http://127.0.0.1:" + port, "c", Duration.ofMillis(400),
        1, false);

    assertEquals(new DeployOutcome.Unreachable("connection refused"), outcome,
        "nothing listening ends as unreachable");
    assertTrue(progress.size() >= 2, "it retried: " + progress);
  }

  private DeployOutcome delete(String name) throws InterruptedException {
    ConnectClient client = new ConnectClient(URI.create(connect.url()),
        ConnectClient.defaultHttpClient(Duration.ofSeconds(2)));
    return new ConnectorDeployer(client,
        new ConnectorDeployer.Settings(Duration.ofSeconds(5), Duration.ofMillis(20), false, false, 0, FAST),
        progress::add, () -> 0.5, System::nanoTime).delete(name);
  }

  @Test
  void deleteRetriesARebalanceThenReportsTheDelete() throws InterruptedException {
    connect.on("DELETE /connectors/c", error(409, "rebalance"), error(503, "busy"), answer(204, ""));
    DeployOutcome outcome = delete("c");
    assertEquals(new DeployOutcome.Deleted(true), outcome);
    assertEquals(3, connect.requests.size(), "two retries then the delete: " + connect.requests);
  }

  @Test
  void deleteOfAnAbsentConnectorIsSuccess() throws InterruptedException {
    connect.on("DELETE /connectors/c", error(404, "Connector c not found"));
    assertEquals(new DeployOutcome.Deleted(false), delete("c"));
    assertEquals(0, delete("c").exitCode(), "a second delete of the absent connector exits 0 too");
  }

  @Test
  void deleteRefusedWithAnotherClientErrorFailsAtOnce() throws InterruptedException {
    connect.on("DELETE /connectors/c", error(403, "forbidden"));
    DeployOutcome outcome = delete("c");
    assertInstanceOf(DeployOutcome.Rejected.class, outcome);
    assertEquals(1, outcome.exitCode());
    assertEquals(1, connect.requests.size(), "no retry of a 403");
  }
}

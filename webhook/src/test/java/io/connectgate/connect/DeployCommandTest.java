package io.connectgate.connect;

import static io.connectgate.connect.ScriptedConnect.answer;
import static io.connectgate.connect.ScriptedConnect.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy command's exit codes and output, against a scripted Connect REST API. */
class DeployCommandTest {

  private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule"
      + " required username=\\\"svc\\\" password=\\\"Sup3r-Secret\\\";";

  @TempDir Path dir;
  private ScriptedConnect connect;
  private Path file;

  @BeforeEach
  void start() throws IOException {
    connect = new ScriptedConnect();
    file = Files.writeString(dir.resolve("c.json"), "{\"name\": \"c\", \"config\": {"
        + "\"connector.class\": \"org.example.Source\", \"topic\": \"t\","
        + " \"src.kafka.sasl.jaas.config\": \"" + JAAS + "\","
        + " \"ssl.key.password\": \"k3y-pass\"}}");
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private CommandRun deploy(String... extra) {
    String[] args = new String[extra.length + 6];
    args[0] = "deploy";
    args[1] = "--connect-url";
    args[2] = connect.url();
    args[3] = "--poll-interval";
    args[4] = "20ms";
    System.arraycopy(extra, 0, args, 5, extra.length);
    args[args.length - 1] = file.toString();
    return CommandRun.of(args);
  }

  @Test
  void localErrorsExitOneWithEveryFindingAndSendNothing() throws IOException {
    Files.writeString(file, "{\"name\": \"c\", \"config\": {"
        + "\"connector.class\": \"io.confluent.connect.replicator.ReplicatorSourceConnector\","
        + " \"topic.regex\": \"([a-z\", \"tasks.max\": \"0\","
        + " \"src.kafka.bootstrap.servers\": \"kafka:9071\","
        + " \"src.kafka.sasl.jaas.config\": \"" + JAAS + "\"}}");
    CommandRun run = deploy("--timeout", "5s");
    assertEquals(1, run.exit(), "local errors exit 1: " + run.show());
    assertTrue(run.err().contains("/config/topic.regex") && run.err().contains("/config/tasks.max"),
        "every finding printed: " + run.show());
    assertTrue(run.err().contains("nothing was sent to Kafka Connect"), run.show());
    assertFalse(run.out().contains("Sup3r-Secret") || run.err().contains("Sup3r-Secret"), "no secret");
    assertEquals(0, connect.requests.size(), "nothing sent to Connect: " + connect.requests);
  }

  @Test
  void helpDocumentsOptionsAndExitCodes() {
    CommandRun run = CommandRun.of("deploy", "--help");
    assertEquals(0, run.exit(), "--help exits 0");
    for (String expected : new String[] {"--connect-url", "--timeout", "--poll-interval",
        "--validate-remote", "--dry-run", "--min-tasks", "CONNECTGATE_CONNECT_URL",
        "Exit codes:", "3   accepted, but not RUNNING", "4   Connect unreachable"}) {
      assertTrue(run.out().contains(expected), "help mentions " + expected + ": " + run.show());
    }
  }

  @Test
  void usageAndInputErrorsExitTwo() {
    assertEquals(2, CommandRun.of("deploy", file.toString()).exit(), "missing --connect-url");
    CommandRun badUrl = CommandRun.of("deploy", "--connect-url", "ftp://x", file.toString());
    assertEquals(2, badUrl.exit(), "non-http URL: " + badUrl.show());
    assertTrue(badUrl.err().contains("bad --connect-url"), badUrl.show());
    CommandRun badFile = CommandRun.of("deploy", "--connect-url", connect.url(),
        dir.resolve("missing.json").toString());
    assertEquals(2, badFile.exit(), "unreadable file: " + badFile.show());
    assertTrue(badFile.err().contains("cannot read"), badFile.show());
    assertEquals(2, CommandRun.of("deploy", "--connect-url", connect.url(), "--timeout", "soon",
        file.toString()).exit(), "unparseable --timeout");
    assertEquals(0, connect.requests.size(), "no request for any usage error");
  }

  @Test
  void failedTaskExitsOneAndItsTraceIsRedacted() {
    connect.on("PUT /connectors/c/config", answer(201, "{}"))
        .on("GET /connectors/c/status", answer(200, "{\"connector\":{\"state\":\"RUNNING\"},"
            + "\"tasks\":[{\"id\":0,\"state\":\"FAILED\",\"trace\":\"org.apache.kafka.common."
            + "errors.SaslAuthenticationException: bad password k3y-pass\\n\\tat X\"}]}"));

    CommandRun run = deploy("--timeout", "10s");

    assertEquals(1, run.exit(), "a FAILED task exits 1: " + run.show());
    assertTrue(run.err().contains("task 0 FAILED: org.apache.kafka.common.errors."
        + "SaslAuthenticationException: bad password [redacted]"), run.show());
    assertFalse(run.all().contains("k3y-pass"), "password never printed: " + run.show());
  }

  @Test
  void rejectionEchoingTheJaasConfigIsRedacted() {
    connect.on("PUT /connectors/c/config", answer(400, "{\"error_code\":400,\"message\":"
        + "\"Invalid value " + JAAS + " for configuration src.kafka.sasl.jaas.config\"}"));

    CommandRun run = deploy("--timeout", "10s");

    assertEquals(1, run.exit(), "400 exits 1: " + run.show());
    assertTrue(run.err().contains("(HTTP 400): Invalid value [redacted] for configuration"
        + " src.kafka.sasl.jaas.config"), "Connect's message, masked: " + run.show());
    assertFalse(run.all().contains("Sup3r-Secret"), "JAAS password never printed: "
        + run.show());
  }

  @Test
  void notRunningInTimeExitsThree() {
    connect.on("PUT /connectors/c/config", answer(200, "{}"))
        .on("GET /connectors/c/status", status("RUNNING", "UNASSIGNED"));

    CommandRun run = deploy("--timeout", "500ms");

    assertEquals(3, run.exit(), "timed out waiting exits 3: " + run.show());
    assertTrue(run.err().contains("not RUNNING within the timeout; last: connector RUNNING,"
        + " tasks: 1 UNASSIGNED"), run.show());
  }

  @Test
  void dryRunPrintsTheRedactedConfigAndSendsNothing() {
    CommandRun run = deploy("--dry-run");

    assertEquals(0, run.exit(), "dry run exits 0: " + run.show());
    assertTrue(run.out().contains("would PUT " + connect.url() + "/connectors/c/config"),
        run.show());
    assertTrue(run.out().contains("  topic=t"), "ordinary values shown: " + run.show());
    assertTrue(run.out().contains("  ssl.key.password=[redacted]"), run.show());
    assertFalse(run.all().contains("Sup3r-Secret") || run.all().contains("k3y-pass"),
        "no secret printed: " + run.show());
    assertEquals(0, connect.requests.size(), "nothing sent to Connect");
  }

  @Test
  void deleteTakesTheNameFromTheEnvironmentAsIsAndNeedsANameOrPath() {
    // The delete Job passes the name as CONNECTGATE_CONNECTOR: a default value, never parsed as
    // an argument, so a name that looks like an option is still only a name.
    String name = "--connect-url=http://evil:8083";
    connect.on("DELETE /connectors/--connect-url%3Dhttp%3A%2F%2Fevil%3A8083", answer(204, ""));
    picocli.CommandLine cl = io.connectgate.cli.Main.commandLine();
    cl.setDefaultValueProvider(arg -> arg instanceof picocli.CommandLine.Model.OptionSpec o
        && o.longestName().equals("--connector") ? name : arg.defaultValue());
    java.io.StringWriter out = new java.io.StringWriter();
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(out, true));
    int exit = cl.execute("deploy", "--delete", "--connect-url", connect.url(), "--timeout", "5s");
    assertEquals(0, exit, out.toString());
    assertEquals(1, connect.count("DELETE /connectors/--connect-url%3Dhttp%3A%2F%2Fevil%3A8083"),
        "expected the whole value used as the connector's name, on the configured Connect: " + connect.requests);

    connect.on("DELETE /connectors/--dry-run", answer(204, ""));
    CommandRun raw = CommandRun.of("deploy", "--delete", "--connect-url", connect.url(), "--connector", "--dry-run");
    assertEquals(0, raw.exit(), raw.show());
    assertEquals(1, connect.count("DELETE /connectors/--dry-run"), "expected --dry-run taken as the name, not the option");

    CommandRun missing = CommandRun.of("deploy", "--delete", "--connect-url", connect.url());
    assertEquals(2, missing.exit(), "--delete without --connector or PATH is a usage error: " + missing.show());
    CommandRun misplaced = CommandRun.of("deploy", "--connect-url", connect.url(), "--connector", "x");
    assertEquals(2, misplaced.exit(), "--connector without --delete is a usage error: " + misplaced.show());
  }
}

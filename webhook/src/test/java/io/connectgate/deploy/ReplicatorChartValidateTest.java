package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The example connector chart, rendered by real Helm in every documented mode, passes
 * {@code connectgate validate}; rendered with a misconfiguration value, it fails with the
 * finding that names it.
 */
class ReplicatorChartValidateTest {

  @TempDir Path dir;

  static Stream<Path> modes() {
    List<Path> modes = new ArrayList<>();
    modes.add(null); // default values
    modes.addAll(Charts.modeValuesFiles(Charts.replicatorChart()));
    return modes.stream();
  }

  private record Run(int exit, String out, String err) {}

  private Run validate(String rendered) throws Exception {
    Path file = Files.writeString(dir.resolve("rendered.yaml"), rendered);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute("validate", file.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void everyModeRendersAValidConnector(Path valuesFile) throws Exception {
    Run run = validate(Charts.template(Charts.replicatorChart(), valuesFile));
    assertEquals(0, run.exit(), "the rendered chart validates cleanly: " + run);
    assertTrue(run.out().lines().noneMatch(l -> l.contains(": ERROR ")), "no error findings: " + run);
  }

  @Test
  void aMisconfigurationValueFailsWithItsFinding() throws Exception {
    Run run = validate(Charts.template(Charts.replicatorChart(), null,
        Map.of("replicator.tasksMax", 0, "source.bootstrapEndpoint", "kafka")));
    assertEquals(1, run.exit(), "violations exit 1: " + run);
    assertTrue(run.out().contains("data[replicator-connector.json] /config/tasks.max: ERROR"),
        "tasks.max 0 is reported: " + run.out());
    assertTrue(run.out().contains("/config/src.kafka.bootstrap.servers: ERROR"),
        "a bootstrap server without a port is reported: " + run.out());
  }
}

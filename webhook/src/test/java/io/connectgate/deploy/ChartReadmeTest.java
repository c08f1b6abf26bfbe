package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each chart's README values table lists every key of values.yaml, once, and no other. */
class ChartReadmeTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

  static Stream<Path> charts() {
    return Stream.of(Charts.connectgateChart(), Charts.replicatorChart());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void valuesTableMatchesValuesYaml(Path chart) throws IOException {
    Path readme = chart.resolve("README.md");
    assertTrue(Files.exists(readme), chart.getFileName() + " has a README.md");
    List<String> documented = new ArrayList<>();
    for (String line : Files.readAllLines(readme)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        documented.add(row.group(1));
      }
    }
    List<String> keys = ChartValues.documentedKeys(chart);
    TreeSet<String> missing = new TreeSet<>(keys);
    documented.forEach(missing::remove);
    TreeSet<String> stale = new TreeSet<>(documented);
    keys.forEach(stale::remove);
    assertEquals(List.of(), List.copyOf(missing), chart.getFileName() + ": values.yaml keys missing from the README table");
    assertEquals(List.of(), List.copyOf(stale), chart.getFileName() + ": README rows for keys values.yaml does not have");
    assertEquals(documented.size(), new TreeSet<>(documented).size(), chart.getFileName() + ": each key listed once");
  }
}

package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.connectgate.connector.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every case of {@code schemas/tests/<family>/}: a connector JSON file or a manifest
 * ({@code .yaml}) with its expected findings in {@code <case>.expected.json} beside it
 * (pointer, severity, rule; no file means no finding at all). New families add folders only.
 */
class SchemaCorpusTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ConnectorEngine ENGINE = new ConnectorEngine(TestCatalogs.repository());

  static Stream<Path> cases() throws IOException {
    Path root = TestCatalogs.schemasDir().resolve("tests");
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> families = Files.list(root)) {
      for (Path family : families.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(family)) {
          files.filter(p -> {
            String n = p.getFileName().toString();
            return (n.endsWith(".json") && !n.endsWith(".expected.json")) || n.endsWith(".yaml");
          }).sorted().forEach(cases::add);
        }
      }
    }
    return cases.stream();
  }

  @Test
  void corpusIsNotEmpty() throws IOException {
    assertFalse(cases().toList().isEmpty(), "expected test cases under schemas/tests/*/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findingsMatchExpectation(Path file) throws IOException {
    String text = Files.readString(file);
    String name = file.getFileName().toString();
    List<Finding> findings = new ManifestInspector(ENGINE)
        .inspect(new ManifestReader().read(file.toString(), text), (cm, i) -> { });
    List<String> actual = findings.stream().map(SchemaCorpusTest::key).sorted().toList();
    Path expectedFile = file.resolveSibling(name.substring(0, name.lastIndexOf('.'))
        + ".expected.json");
    List<String> expected = new ArrayList<>();
    if (Files.exists(expectedFile)) {
      for (JsonNode e : JSON.readTree(Files.readString(expectedFile))) {
        JsonNode pointer = e.get("pointer");
        expected.add((pointer == null || pointer.isNull() ? "-" : pointer.asString()) + " "
            + e.get("severity").asString() + " " + e.get("rule").asString());
      }
    }
    expected.sort(null);
    assertEquals(expected, actual, () -> "findings of " + file + " (pointer severity rule);"
        + " messages were:\n  " + String.join("\n  ",
            findings.stream().map(f -> new FindingReport().line(f)).toList()));
  }

  private static String key(Finding f) {
    String pointer = f.location().pointer();
    return (pointer == null ? "-" : pointer) + " " + f.severity() + " " + f.rule();
  }
}

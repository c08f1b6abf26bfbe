package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code validate -o junit|sarif|github|json|text} over the connector-resources fixture (three
 * connectors, two failing) and the example chart (one connector, warnings only): every format
 * carries file, line and column, and SARIF is valid against the official SARIF 2.1.0 schema
 * (OASIS errata01, kept as a test resource).
 */
class ValidateFormatsTest {

  static final Path RESOURCES = Path.of("src/test/resources/cli/connector-resources.yaml");
  static final String EXAMPLE = ValidateCommandTest.EXAMPLE.toString();
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static Schema sarif;

  @BeforeAll
  static void loadSarifSchema() throws Exception {
    try (InputStream in = ValidateFormatsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      sarif = SchemaRegistry.withDefaultDialect(Dialects.getDraft4()).getSchema(in);
    }
  }

  @Test
  void sarifIsValidSarif210WithFileLineAndColumn() {
    CliRun r = CliRun.run("validate", "-o", "sarif", RESOURCES.toString(), EXAMPLE);
    assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
    JsonNode log = JSON.readTree(r.out());
    List<Error> errors = sarif.validate(log);
    assertTrue(errors.isEmpty(), () -> "valid SARIF 2.1.0: " + errors + "\n" + r.out());
    JsonNode results = log.path("runs").path(0).path("results");
    assertEquals(7, results.size(), () -> "5 errors and 2 warnings; " + r.out());
    JsonNode first = results.path(0);
    assertEquals("forbidden-key", first.path("ruleId").asString(), "rule id");
    assertEquals("error", first.path("level").asString(), "level");
    JsonNode physical = first.path("locations").path(0).path("physicalLocation");
    assertEquals(RESOURCES.toString(), physical.path("artifactLocation").path("uri").asString(), "file");
    assertEquals(30, physical.path("region").path("startLine").asInt(), "line of spec.config.connector.class");
    assertEquals(5, physical.path("region").path("startColumn").asInt(), "column of the key");
    JsonNode warning = results.path(5);
    assertEquals("warning", warning.path("level").asString(), "warnings stay warnings");
    assertEquals("plaintextCredentials", warning.path("ruleId").asString(), "policy rule as rule id");
    assertEquals(25, warning.path("locations").path(0).path("physicalLocation").path("region")
        .path("startLine").asInt(), "line inside the |- block of the example chart");

    // The check can fail: a result with an unknown level is refused by the schema.
    ObjectNode broken = (ObjectNode) log.deepCopy();
    ((ObjectNode) broken.path("runs").path(0).path("results").path(0)).put("level", "fatal");
    assertFalse(sarif.validate(broken).isEmpty(), "the schema refuses level 'fatal'");
  }

  @Test
  void junitHasOneTestCasePerConnector() throws Exception {
    CliRun r = CliRun.run("validate", "-o", "junit", RESOURCES.toString(), EXAMPLE);
    assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    Element root = xml.getDocumentElement();
    assertEquals("testsuites", root.getTagName(), "root element");
    assertEquals("4", root.getAttribute("tests"), () -> "3 resources + 1 ConfigMap entry; " + r.out());
    assertEquals("2", root.getAttribute("failures"), () -> "bad-source and cfk-source fail; " + r.out());
    List<Element> cases = elements(xml.getElementsByTagName("testcase"));
    List<String> names = cases.stream().map(e -> e.getAttribute("name")).toList();
    assertEquals(List.of("KafkaConnector kafka/mm2-source", "KafkaConnector kafka/bad-source",
        "Connector confluent/cfk-source",
        "default/replicator-connector data[replicator-connector.json]"), names, "test case names");
    Element bad = cases.get(1);
    Element failure = (Element) bad.getElementsByTagName("failure").item(0);
    assertEquals("forbidden-key", failure.getAttribute("type"), "failure type is the first rule");
    assertTrue(failure.getTextContent().contains(RESOURCES + ":36:5: kafka/bad-source"
        + " /spec/config/offset.lag.max: ERROR"), () -> "every error with file:line:col; " + r.out());
    assertEquals(0, cases.get(0).getElementsByTagName("failure").getLength(), "mm2-source passes");
    Element chart = cases.get(3);
    assertEquals(0, chart.getElementsByTagName("failure").getLength(), "warnings do not fail");
    assertTrue(chart.getElementsByTagName("system-out").item(0).getTextContent()
        .contains("(plaintextCredentials)"), "warnings in system-out");

    CliRun strict = CliRun.run("validate", "-o", "junit", "--fail-on", "warning", EXAMPLE);
    assertEquals(1, strict.exitCode(), () -> "--fail-on warning: exit 1; " + strict);
    assertTrue(strict.out().contains("failures=\"1\""), () -> "the chart's case fails; " + strict);
  }

  @Test
  void githubAnnotationsCarryFileLineAndColumn() {
    CliRun r = CliRun.run("validate", "-o", "github", RESOURCES.toString(), EXAMPLE);
    assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("::error file=" + RESOURCES + ",line=30,col=5,"
        + "title=connectgate forbidden-key::kafka/bad-source /spec/config/connector.class: not allowed"),
        () -> "workflow command; " + r);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=" + EXAMPLE + ",line=40,col=9,")),
        () -> "warnings as ::warning; " + r);
    assertEquals(7, lines.stream().filter(l -> l.startsWith("::")).count(), () -> "one per finding; " + r);
  }

  @Test
  void githubEscapingKeepsOneCommandPerLine() {
    assertEquals("a%25b%0D%0Ac::d", GithubReport.data("a%b\r\nc::d"), "message data escaping");
    assertEquals("x%3A1%2Cy%0A", GithubReport.property("x:1,y\n"), "property escaping");
  }

  @Test
  void jsonAndTextCarryLineAndColumn() {
    CliRun json = CliRun.run("validate", "-o", "json", RESOURCES.toString());
    JsonNode f = JSON.readTree(json.out()).path("findings").path(3);
    assertEquals("/spec/config/offset.lag.max", f.path("pointer").asString(), "pointer");
    assertEquals(36, f.path("line").asInt(), "line");
    assertEquals(5, f.path("column").asInt(), "column");
    CliRun text = CliRun.run("validate", RESOURCES.toString());
    assertTrue(text.out().endsWith("checked 1 file: 3 connectors, 5 errors, 0 warnings"
        + System.lineSeparator()), () -> "summary line; " + text);
  }

  private static List<Element> elements(NodeList list) {
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }
}

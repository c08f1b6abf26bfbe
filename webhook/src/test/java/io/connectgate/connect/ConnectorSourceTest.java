package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.SchemaCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorSourceTest {

  private final ConnectorSource source =
      new ConnectorSource(new ConnectorEngine(SchemaCatalog.builtIn()));

  private static final String POST_SHAPE = "{\"name\": \"orders\", \"config\": {"
      + "\"connector.class\": \"org.example.Source\", \"tasks.max\": 2, \"enabled\": true,"
      + " \"topic\": \"t\"}}";

  @Test
  void postShapeCoercesNumbersAndBooleansAndAddsTheName() throws Exception {
    ConnectorDefinition d = source.parse(POST_SHAPE, "f.json").connector();
    assertEquals("orders", d.name(), "name from the document");
    assertEquals(Map.of("connector.class", "org.example.Source", "tasks.max", "2",
        "enabled", "true", "topic", "t", "name", "orders"), d.config(),
        "flat string map with name");
  }

  @Test
  void flatShapeTakesTheNameFromTheConfig() throws Exception {
    ConnectorDefinition d = source.parse(
        "{\"connector.class\": \"org.example.Source\", \"name\": \"flat\"}", "f.json").connector();
    assertEquals("flat", d.name(), "name from the flat map");
  }

  @Test
  void configMapManifestAmongOtherDocuments() throws Exception {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: replicator-connector\n"
        + "data:\n  other.json: '{\"not\": \"a connector\"}'\n"
        + "  replicator-connector.json: |\n    " + POST_SHAPE + "\n";
    ConnectorDefinition d = source.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "<stdin>").connector();
    assertEquals("orders", d.name(), "the connector inside the ConfigMap's .json entry");
    assertEquals("2", d.config().get("tasks.max"), "its config");
  }

  @Test
  void listOfConfigMapsInJson() throws Exception {
    String json = "{\"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\":"
        + " {\"name\": \"cm\"}, \"data\": {\"c.json\": " + quoted(POST_SHAPE) + "}}]}";
    assertEquals("orders", source.parse(json, "list.json").connector().name(), "found inside a List");
  }

  @Test
  void mismatchedNamesAreRefused() throws Exception {
    // The engine reports it (Connect would answer 400), so nothing is sent.
    ConnectorSource.Loaded loaded = source.parse(
        "{\"name\": \"a\", \"config\": {\"connector.class\": \"X\", \"name\": \"b\"}}", "f.json");
    assertTrue(loaded.rejected(), "rejected: " + loaded.findings());
    assertTrue(loaded.findings().stream().anyMatch(f -> "/config/name".equals(f.location().pointer())),
        "the finding points at /config/name: " + loaded.findings());
  }

  @Test
  void refusesNoConnectorTwoConnectorsAndMissingNames() {
    assertMessage("{\"kind\": \"ConfigMap\", \"data\": {\"x.json\": \"{}\"}}",
        "no connector document in f");
    String two = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n  a.json: '"
        + POST_SHAPE + "'\n  b.json: '" + POST_SHAPE + "'\n";
    assertMessage(two, "holds 2 connector documents (ConfigMap cm data[a.json], ConfigMap cm"
        + " data[b.json]); deploy takes exactly one");
    assertMessage("{\"connector.class\": \"X\"}", "/config/name: a connector needs a non-empty name");
    assertMessage("  \n", "f is empty");
  }

  @Test
  void objectValuesAreRejectedAsFindings() throws Exception {
    ConnectorSource.Loaded loaded =
        source.parse("{\"name\": \"n\", \"config\": {\"connector.class\": \"X\", \"o\": {}}}", "f");
    assertTrue(loaded.rejected(), "an object value is an error");
    assertTrue(loaded.findings().stream().anyMatch(
        f -> f.rule().equals("value-type") && "/config/o".equals(f.location().pointer())),
        "value-type error at /config/o: " + loaded.findings());
  }

  @Test
  void syntaxErrorsNameTheLineButNeverTheText() throws Exception {
    ConnectorSource.Loaded bare =
        source.parse("{\"name\": \"n\",\n \"config\": {\"password\": hunter2}}", "f.json");
    assertTrue(bare.rejected(), "a syntax error rejects the file");
    String text = bare.findings().toString();
    assertTrue(text.contains("json-syntax") && text.contains("line 2"), "names the line: " + text);
    assertFalse(text.contains("hunter2"), "never quotes the text: " + text);

    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, labels: {connectgate.io/connector: \"true\"}}\n"
        + "data:\n  c.json: '{\"password\": s3cr3t'\n";
    ConnectorSource.Loaded inEntry = source.parse(cm, "cm.yaml");
    assertTrue(inEntry.rejected(), "a labelled ConfigMap with broken JSON is rejected");
    assertTrue(inEntry.findings().stream().anyMatch(f -> "c.json".equals(f.location().dataKey())),
        "names the entry: " + inEntry.findings());
    assertFalse(inEntry.findings().toString().contains("s3cr3t"), "never quotes the entry's text");
  }

  @Test
  void aMisconfiguredConnectorIsRejectedLocallyWithEveryFindingAndNoSecret() throws Exception {
    String doc = "{\"name\": \"r\", \"config\": {"
        + "\"connector.class\": \"io.confluent.connect.replicator.ReplicatorSourceConnector\","
        + "\"topic.regex\": \"([a-z\","
        + "\"src.kafka.bootstrap.servers\": \"kafka:notaport\","
        + "\"src.kafka.sasl.jaas.config\": \"org.apache.kafka.common.security.plain.PlainLoginModule"
        + " required password=\\\"Sup3r-Secret\\\";\"}}";
    ConnectorSource.Loaded loaded = source.parse(doc, "r.json");
    assertTrue(loaded.rejected(), "errors reject: " + loaded.findings());
    assertNull(loaded.connector(), "nothing to deploy");
    List<String> pointers = loaded.findings().stream().map(f -> f.location().pointer()).toList();
    assertTrue(pointers.contains("/config/topic.regex")
        && pointers.contains("/config/src.kafka.bootstrap.servers"), "every problem: " + pointers);
    assertFalse(loaded.findings().toString().contains("Sup3r-Secret"), "no secret in findings");
  }

  private void assertMessage(String text, String expected) {
    ConnectorSourceException e = assertThrows(ConnectorSourceException.class,
        () -> source.parse(text, "f"), "refused: " + text);
    assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: "
        + e.getMessage());
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

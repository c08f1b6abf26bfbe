package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorSourceTest {

  private final ConnectorSource source = new ConnectorSource();

  private static final String POST_SHAPE = "{\"name\": \"orders\", \"config\": {"
      + "\"connector.class\": \"org.example.Source\", \"tasks.max\": 2, \"enabled\": true,"
      + " \"topic\": \"t\"}}";

  @Test
  void postShapeCoercesNumbersAndBooleansAndAddsTheName() throws Exception {
    ConnectorDefinition d = source.parse(POST_SHAPE, "f.json");
    assertEquals("orders", d.name(), "name from the document");
    assertEquals(Map.of("connector.class", "org.example.Source", "tasks.max", "2",
        "enabled", "true", "topic", "t", "name", "orders"), d.config(),
        "flat string map with name");
  }

  @Test
  void flatShapeTakesTheNameFromTheConfig() throws Exception {
    ConnectorDefinition d = source.parse(
        "{\"connector.class\": \"org.example.Source\", \"name\": \"flat\"}", "f.json");
    assertEquals("flat", d.name(), "name from the flat map");
  }

  @Test
  void configMapManifestAmongOtherDocuments() throws Exception {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: replicator-connector\n"
        + "data:\n  other.json: '{\"not\": \"a connector\"}'\n"
        + "  replicator-connector.json: |\n    " + POST_SHAPE + "\n";
    ConnectorDefinition d = source.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "<stdin>");
    assertEquals("orders", d.name(), "the connector inside the ConfigMap's .json entry");
    assertEquals("2", d.config().get("tasks.max"), "its config");
  }

  @Test
  void listOfConfigMapsInJson() throws Exception {
    String json = "{\"kind\": \"List\", \"items\": [{\"kind\": \"ConfigMap\", \"metadata\":"
        + " {\"name\": \"cm\"}, \"data\": {\"c.json\": " + quoted(POST_SHAPE) + "}}]}";
    assertEquals("orders", source.parse(json, "list.json").name(), "found inside a List");
  }

  @Test
  void mismatchedNamesAreRefused() {
    ConnectorSourceException e = assertThrows(ConnectorSourceException.class, () ->
        source.parse("{\"name\": \"a\", \"config\": {\"connector.class\": \"X\", \"name\": \"b\"}}",
            "f.json"));
    assertTrue(e.getMessage().contains("\"a\" differs from the config's \"name\" \"b\""),
        "names both: " + e.getMessage());
  }

  @Test
  void refusesNoConnectorTwoConnectorsObjectValuesAndMissingNames() {
    assertMessage("{\"kind\": \"ConfigMap\", \"data\": {\"x.json\": \"{}\"}}",
        "no connector document in f");
    String two = "kind: ConfigMap\nmetadata: {name: cm}\ndata:\n  a.json: '"
        + POST_SHAPE + "'\n  b.json: '" + POST_SHAPE + "'\n";
    assertMessage(two, "holds 2 connector documents (ConfigMap cm data[a.json], ConfigMap cm"
        + " data[b.json]); deploy takes exactly one");
    assertMessage("{\"name\": \"n\", \"config\": {\"connector.class\": \"X\", \"o\": {}}}",
        "/config/o: must be a string, number or boolean (Connect accepts no object values)");
    assertMessage("{\"connector.class\": \"X\"}", "a flat connector config needs a non-empty"
        + " name");
    assertMessage("  \n", "f is empty");
  }

  @Test
  void syntaxErrorsNameTheLineButNeverTheText() {
    ConnectorSourceException e = assertThrows(ConnectorSourceException.class, () ->
        source.parse("{\"name\": \"n\",\n \"config\": {\"password\": hunter2}}", "f.json"));
    assertTrue(e.getMessage().startsWith("f.json is not valid JSON or YAML at line 2"),
        "names the line: " + e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "never quotes the text: " + e.getMessage());

    String cm = "kind: ConfigMap\nmetadata: {name: cm}\ndata:\n  c.json: '{\"password\": s3cr3t'\n";
    ConnectorSourceException inEntry = assertThrows(ConnectorSourceException.class, () ->
        source.parse(cm, "cm.yaml"));
    assertTrue(inEntry.getMessage().contains("ConfigMap cm data[c.json] is not valid JSON"),
        "names the entry: " + inEntry.getMessage());
    assertFalse(inEntry.getMessage().contains("s3cr3t"), "never quotes the entry's text: "
        + inEntry.getMessage());
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

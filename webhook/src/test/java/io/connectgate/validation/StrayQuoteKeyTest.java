package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key with a stray quote ({@code table.whitelist"}, as mddunn/gko-tf's Confluent for
 * Kubernetes JDBC source has it) is read by no connector, whatever its class: the setting keeps
 * its default (here: every table is copied). Reported even for a class no schema describes.
 */
class StrayQuoteKeyTest {

  private static final Origin ORIGIN = new Origin("f", 0, null, null);
  private final ConnectorEngine engine = new ConnectorEngine(TestCatalogs.repository());

  private List<Finding> unknownKeys(String config) {
    String text = "{\"name\": \"jdbc-source\", \"config\": {"
        + "\"connector.class\": \"io.confluent.connect.jdbc.JdbcSourceConnector\", " + config + "}}";
    return engine.inspectConnectorText(text, ORIGIN).findings().stream()
        .filter(f -> f.rule().equals(Rules.UNKNOWN_KEY)).toList();
  }

  @Test
  void aKeyWithAStrayQuoteIsReportedForAnUndescribedClass() {
    List<Finding> found = unknownKeys("\"table.whitelist\\\"\": \"customers\", \"mode\": \"bulk\"");
    assertEquals(1, found.size(), found.toString());
    assertEquals(Severity.WARNING, found.get(0).severity());
    assertTrue(found.get(0).message().contains("did you mean `table.whitelist`"), found.toString());
  }

  @Test
  void plainKeysOfAnUndescribedClassAreNotReported() {
    assertEquals(List.of(), unknownKeys("\"table.whitelist\": \"customers\", \"mode\": \"bulk\""));
  }
}

package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Positions {@link ManifestReader} records for each document: aligned with the documents it
 * keeps (empty ones skipped alike), keys and values at their line and column, literal block
 * scalars mapped line by line, and each document's span (what mutate replaces) ending before
 * the comments that belong to the next one.
 */
class ManifestPositionsTest {

  private final ManifestReader reader = new ManifestReader();

  @Test
  void documentsAndPositionsStayAligned() {
    String text = """
        # Source: a/empty.yaml
        ---
        ---
        # Source: a/cm.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: "cm"   # quoted
        data:
          c.json: |-
            {"name": "x",
              "config": {"connector.class": "C"}}
          q.json: '{"a": 1}'
          f.json: >
            {"b": 2}
        # trailing comment of the ConfigMap document
        ---
        null
        ---
        {}
        ---
        # Source: a/svc.yaml
        apiVersion: v1
        kind: Service
        """;
    ManifestFile file = reader.read("t.yaml", text);
    assertEquals(2, file.documents().size(), "empty, null and {} documents skipped (as Jackson reads them)");
    DocumentPositions cm = file.positionsOf(0);
    DocumentPositions svc = file.positionsOf(1);
    assertNotNull(cm, "positions known for the ConfigMap");
    assertNotNull(svc, "positions known for the Service (same index as its document)");
    assertEquals(new TextPosition(8, 3), cm.at("/metadata/name").key(), "a key's line and column");
    assertEquals(new TextPosition(8, 9), cm.at("/metadata/name").value(), "a quoted value starts at its quote");
    NodePosition block = cm.at("/data/c.json");
    assertTrue(block.literalBlock(), "|- is a literal block");
    assertEquals(new TextPosition(12, 7), block.inside(2, 3),
        "line 2, column 3 of the JSON (its \"config\" key) is file line 11 + 1, column 4 + 3");
    NodePosition quoted = cm.at("/data/q.json");
    assertFalse(quoted.literalBlock(), "a quoted value is no block");
    assertEquals(new TextPosition(13, 11), quoted.inside(1, 5), "inside a quoted value: where it starts");
    assertEquals(new TextPosition(14, 11), cm.at("/data/f.json").inside(1, 2), "folded: where it starts");
    assertEquals(new TextPosition(23, 1), svc.at("/apiVersion").key(), "the Service after skipped documents");

    String span = text.substring(cm.start(), cm.end());
    assertTrue(span.startsWith("apiVersion: v1\nkind: ConfigMap"), () -> "span starts at the content: " + span);
    assertTrue(span.endsWith("f.json: >\n    {\"b\": 2}\n"), () -> "span ends with the content: " + span);
    assertFalse(span.contains("# trailing comment"), "a trailing comment is left outside the span");
  }

  @Test
  void scalarDocumentsJacksonKeepsKeepTheirPlace() {
    ManifestFile file = reader.read("t.yaml", "~\n---\napiVersion: v1\nkind: Service\n");
    assertEquals(2, file.documents().size(), "Jackson keeps `~` as a string document");
    assertNotNull(file.positionsOf(1), "positions stay aligned with it");
    assertEquals(new TextPosition(3, 1), file.positionsOf(1).at("/apiVersion").key(), "the Service");
  }

  @Test
  void nearestFallsBackToTheEnclosingObject() {
    ManifestFile file = reader.read("t.yaml", "apiVersion: v1\nkind: X\nspec:\n  config:\n    a: 1\n");
    DocumentPositions p = file.positionsOf(0);
    assertEquals(new TextPosition(4, 3), p.nearest("/spec/config/missing"), "a missing key: its object's key");
    assertEquals(new TextPosition(5, 5), p.nearest("/spec/config/a"), "a present key: itself");
    assertEquals(new TextPosition(1, 1), p.nearest("/nowhere"), "nothing else: the document");
  }

  @Test
  void keysWithSlashesAndNonBmpTextAreHandled() {
    String text = "# \uD83D\uDE00 emoji first\napiVersion: v1\nkind: ConfigMap\ndata:\n  a/b~c: x\n";
    ManifestFile file = reader.read("t.yaml", text);
    DocumentPositions p = file.positionsOf(0);
    assertEquals(new TextPosition(5, 3), p.at("/data/a~1b~0c").key(), "escaped pointer of a key with / and ~");
    assertTrue(text.substring(p.start()).startsWith("apiVersion"),
        "the span offset counts UTF-16 units, not code points");
  }

  @Test
  void jsonTextPositionsAndUnknownPositions() {
    DocumentPositions json = JsonPositions.of("{\"config\": {\n  \"x\": [1, {\"y\": 2}]}}");
    assertEquals(new TextPosition(2, 3), json.at("/config/x").key(), "a JSON key");
    assertEquals(new TextPosition(2, 13), json.at("/config/x/1/y").key(), "inside an array");
    DocumentPositions broken = JsonPositions.of("{\"a\": 1, \"b\": ");
    assertNotNull(broken.at("/a"), "positions before a syntax error are kept");
    ManifestFile file = reader.read("t.yaml", "a: [1\n");
    assertNull(file.positionsOf(0), "no document, no positions");
  }
}

package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link StrictJsonParser#readAsConnect} without a worker (connect.ConnectJsonReadingTest
 * checks the same texts against Kafka Connect itself): what it tolerates and what it reports.
 */
class ConnectReadingTest {

  static final String DOC = "{\"name\": \"x\", \"config\": {\"connector.class\": \"y\"}}";
  final StrictJsonParser parser = new StrictJsonParser();

  @Test
  void readsWhatStrictJsonRefusesAndSaysWhy() {
    StrictJsonParser.ConnectReading bom = parser.readAsConnect("\uFEFF" + DOC);
    assertNotNull(bom, "expected a BOM skipped");
    assertTrue(bom.bom() && !bom.nul() && !bom.trailing() && !bom.comments(), "expected only the BOM: " + bom);
    assertEquals("y", bom.root().path("config").path("connector.class").asString(), "expected the document read");

    StringBuilder utf16 = new StringBuilder();
    DOC.chars().forEach(c -> utf16.append((char) c).append('\u0000'));
    StrictJsonParser.ConnectReading nul = parser.readAsConnect(utf16.toString());
    assertNotNull(nul, "expected NUL-interleaved text decoded as UTF-16LE");
    assertTrue(nul.nul(), "expected the NULs reported: " + nul);
    assertEquals("x", nul.root().path("name").asString(), "expected the document read");

    StrictJsonParser.ConnectReading trailing = parser.readAsConnect(DOC + "\n} tail");
    assertNotNull(trailing, "expected trailing content tolerated");
    assertTrue(trailing.trailing() && trailing.endLine() == 1, "expected where it starts: " + trailing);

    StrictJsonParser.ConnectReading comments = parser.readAsConnect("// c\n" + DOC);
    assertNotNull(comments, "expected comments tolerated");
    assertTrue(comments.comments() && !comments.trailing(), "expected the comment reported: " + comments);

    assertNull(parser.readAsConnect("\uFEFF\uFEFF" + DOC), "expected two BOMs not read, as Connect");
    assertNull(parser.readAsConnect("{\"name\": "), "expected truncated JSON not read");
    assertFalse(parser.parse("\uFEFF" + DOC).root() != null, "expected strict parsing to refuse a BOM");
  }
}

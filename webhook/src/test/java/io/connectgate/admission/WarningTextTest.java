package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningTextTest {

  @Test
  void shortWarningsAreKeptAsTheyAre() {
    assertEquals("data[c.json] /config/x: deprecated", WarningText.fit("data[c.json] /config/x: deprecated"),
        "expected a short warning unchanged");
  }

  @Test
  void longWarningsAreCutAtAWordWithinTheLimit() {
    String text = "data[replicator-connector.json] /config/src.kafka.bootstrap.server: unknown key,"
        + " did you mean src.kafka.bootstrap.servers? it will be ignored by Kafka Connect";
    String fitted = WarningText.fit(text);
    assertTrue(fitted.length() <= 120, "expected at most 120 characters: " + fitted.length());
    assertTrue(fitted.endsWith("..."), "expected the cut marked with '...'");
    assertTrue(text.startsWith(fitted.substring(0, fitted.length() - 3)), "expected a prefix of the original");
    assertTrue(text.charAt(fitted.length() - 3) == ' ', "expected the cut at a word boundary: " + fitted);
  }

  @Test
  void unbrokenTextIsCutHard() {
    String fitted = WarningText.fit("z".repeat(300));
    assertEquals(120, fitted.length(), "expected exactly 120 characters");
  }

  @Test
  void controlCharactersBecomeSpaces() {
    assertEquals("a b c", WarningText.fit("a\nb\t\u0000c"), "expected newlines and controls flattened");
  }

  @Test
  void duplicatesAreDroppedAndTheCountIsCapped() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add("warning " + i);
      many.add("warning " + i);
    }
    List<String> fitted = WarningText.fitAll(many);
    assertEquals(WarningText.MAX_WARNINGS, fitted.size(), "expected the count capped");
    assertEquals("... and 16 more warnings", fitted.get(fitted.size() - 1), "expected what was left out counted");
  }

  @Test
  void flatteningMatchesTheRegexItReplaced() {
    for (String text : List.of("", " ", "a  b", " a\r\n\tb ", "x\u007fy", "\u0000\u0001 z", "é\u00a0ü", "a \n b")) {
      assertEquals(text.replaceAll("[\\p{Cntrl}\\s]+", " "), WarningText.flatten(text),
          "expected the same flattening as the regex for [" + text + "]");
    }
  }
}

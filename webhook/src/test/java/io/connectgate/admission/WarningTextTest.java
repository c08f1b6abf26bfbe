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
  void longWarningsKeepTheirLocationAndTheAdvice() {
    // What the real API server relayed to kubectl before: "...: unknownKeys: unknown setting;
    // did you mean..." (the suggestion, the one useful part, cut off).
    String text = "data[replicator-connector.json] /config/dest.kafka.bootstrap.server: unknownKeys:"
        + " unknown setting; did you mean `dest.kafka.bootstrap.servers`?";
    assertEquals("data[replicator-connector.json] /config/dest.kafka.bootstrap.server: ... did you mean"
        + " `dest.kafka.bootstrap.servers`?", WarningText.fit(text), "expected location and suggestion kept");
    String credential = "data[replicator-connector.json] /config/src.kafka.sasl.jaas.config: plaintextCredentials:"
        + " has a plain-text password; use a ${...} reference";
    String fitted = WarningText.fit(credential);
    assertTrue(fitted.length() <= 120, "expected at most 120 characters: " + fitted);
    assertTrue(fitted.startsWith("data[replicator-connector.json] /config/src.kafka.sasl.jaas.config: ")
        && fitted.endsWith("use a ${...} reference"), "expected location and advice: " + fitted);
  }

  @Test
  void aShortenedWarningKeepsThePolicyRuleNameWhenItFits() {
    String text = "data[c.json] /config/tasks.mx: unknownKeys: unknown setting, not a Replicator, Kafka"
        + " client or connector setting; did you mean `tasks.max`?";
    assertEquals("data[c.json] /config/tasks.mx: unknownKeys: ... did you mean `tasks.max`?",
        WarningText.fit(text), "expected location, rule name and advice");
  }

  @Test
  void aLocationTooLongForTheAdviceFallsBackToACutAtTheEnd() {
    String text = "data[replicator-connector.json] /config/src.kafka.timestamps.producer.confluent.monitoring"
        + ".interceptor.sasl.jaas.config: has a plain-text password; use a ${...} reference";
    String fitted = WarningText.fit(text);
    assertTrue(fitted.length() <= 120 && fitted.endsWith("..."), "expected a plain cut: " + fitted);
    assertTrue(text.startsWith(fitted.substring(0, fitted.length() - 3)), "expected a prefix of the original");
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

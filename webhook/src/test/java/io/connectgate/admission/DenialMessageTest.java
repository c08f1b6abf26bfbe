package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenialMessageTest {

  @Test
  void listsEveryProblemWhenItFits() {
    assertEquals("a; b; c", new DenialMessage(100).join(List.of("a", "b", "c")),
        "expected every problem joined by '; '");
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 100, 333, 1000, 4000})
  void neverExceedsTheCapAndAccountsForEveryProblem(int cap) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      problems.add("data[c.json] /config/key" + i + ": " + "x".repeat(i % 37));
    }
    String message = new DenialMessage(cap).join(problems);
    assertTrue(message.length() <= cap, "expected at most " + cap + " characters, got " + message.length());
    int omitted = Integer.parseInt(message.replaceAll("(?s).*\\.\\.\\. and (\\d+) more$", "$1"));
    int shown = message.split("; ").length - 1;
    assertEquals(problems.size(), shown + omitted, "expected shown + omitted to be all problems: " + message);
  }

  @Test
  void aSingleHugeProblemIsCutButStillNamed() {
    String huge = "data[c.json] /config/topic.regex: " + "y".repeat(500);
    String message = new DenialMessage(100).join(List.of(huge, "second"));
    assertTrue(message.length() <= 100, "expected the cap respected: " + message.length());
    assertTrue(message.startsWith("data[c.json] /config/topic.regex: "), "expected the start of the problem kept");
    assertTrue(message.endsWith("... and 1 more"), "expected the second problem counted: " + message);
  }
}

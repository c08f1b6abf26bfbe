package io.connectgate.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.connectgate.connector.ConnectorDocuments;
import io.connectgate.connector.JsonProblem;
import io.connectgate.connector.ParsedJson;
import io.connectgate.connector.StrictJsonParser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arbitrary text as a ConfigMap's connector JSON. Invariants: the parser never throws (every
 * problem is a {@link JsonProblem}); its messages never echo the document (a marker secret
 * placed anywhere in it never comes out); what it accepts, Jackson accepts too; recognising
 * a connector in any tree never throws.
 */
class ConnectorJsonFuzzTest {

  private static final StrictJsonParser PARSER = new StrictJsonParser();
  private static final JsonMapper JACKSON = JsonMapper.builder().build();

  @FuzzTest(maxDuration = "2m")
  void parseAndRecognise(FuzzedDataProvider data) {
    String before = data.consumeString(4096);
    String text = before + (data.consumeBoolean() ? Markers.SECRET : "") + data.consumeRemainingAsString();
    ParsedJson parsed = PARSER.parse(text);
    assertNotNull(parsed.problems(), "expected a problem list");
    for (JsonProblem problem : parsed.problems()) {
      Markers.assertAbsent(problem.message(), "parser message");
    }
    if (parsed.syntaxError()) {
      assertFalse(parsed.problems().isEmpty(), "expected a syntax error to come with a problem");
      return;
    }
    try {
      JACKSON.readTree(text);
    } catch (JacksonException e) {
      throw new AssertionError("the strict parser accepted what Jackson refuses: " + e.getOriginalMessage(), e);
    }
    ConnectorDocuments.recognise("c.json", parsed.root(), parsed.problems());
    ConnectorDocuments.looksLikeConnector(parsed.root());
  }
}

package io.connectgate.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.connectgate.validation.JaasParser;

/**
 * Arbitrary text as {@code sasl.jaas.config}. Invariants: the only exception is
 * {@link JaasParser.SyntaxError}, and its message never quotes the text (a marker password in
 * it never comes out).
 */
class JaasParserFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void parse(FuzzedDataProvider data) {
    String head = data.consumeString(2048);
    String text = head + (data.consumeBoolean() ? " password=\"" + Markers.SECRET + "\"" : "")
        + data.consumeRemainingAsString();
    try {
      JaasParser.parse(text);
    } catch (JaasParser.SyntaxError e) {
      Markers.assertAbsent(e.getMessage(), "JAAS syntax error");
    }
  }
}

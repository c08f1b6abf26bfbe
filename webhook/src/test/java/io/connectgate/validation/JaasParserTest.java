package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JaasParserTest {

  @Test
  void parsesKafkaStyleEntries() throws JaasParser.SyntaxError {
    List<JaasParser.Entry> entries = JaasParser.parse(
        "  org.apache.kafka.common.security.plain.PlainLoginModule   Required\n"
            + " username=\"a b\" password='x\\'y' tokenauth=true ;");
    assertEquals(1, entries.size(), "one module");
    JaasParser.Entry e = entries.get(0);
    assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule", e.loginModule(),
        "module class");
    assertEquals("required", e.flag(), "flag is case-insensitive");
    assertEquals(Map.of("username", "a b", "password", "x'y", "tokenauth", "true"), e.options(),
        "bare and quoted values");
    assertEquals(2, JaasParser.parse("a.B required; c.D optional x=1;").size(), "two entries");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                 | 1  | empty",
      "a.B required x=1                   | 17 | missing ';'",
      "a.B always;                        | 5  | control flag",
      "a.B required x=\"1;                | 16 | unterminated",
      "a.B required =1;                   | 14 | option name",
      "a.B required x 1;                  | 16 | '='",
      "9a.B required;                     | 1  | login module class",
      "a.B required x=;                   | 16 | option value"})
  void syntaxErrorsNamePositionAndExpectation(String text, int position, String mentions) {
    JaasParser.SyntaxError e = assertThrows(JaasParser.SyntaxError.class,
        () -> JaasParser.parse(text.strip()), "expected a syntax error for " + text);
    assertEquals(position, e.position(), () -> "position in: " + e.getMessage());
    assertEquals(true, e.getMessage().contains(mentions),
        () -> "message mentions " + mentions + ": " + e.getMessage());
  }
}

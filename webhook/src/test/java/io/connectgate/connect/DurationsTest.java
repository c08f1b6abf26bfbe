package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"90, 90000", "90s, 90000", "500ms, 500", "2m, 120000", "1h, 3600000",
      "PT2M, 120000", "pt1.5s, 1500", " 30 s , 30000"})
  void parsesPlainSecondsUnitsAndIso(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text), "'" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "0", "-5s", "10 parsecs"})
  void rejectsNonDurationsAndNonPositive(String text) {
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(text),
        "'" + text + "' is not a usable duration");
  }
}

package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void describesTypeAndPlaceButNeverTheMessage() {
    Exception e = new IllegalStateException("sasl.jaas.config=password=hunter2",
        new RuntimeException("ssl.key.password=hunter3"));
    String text = Failures.describe(e);
    assertTrue(text.startsWith("java.lang.IllegalStateException caused by java.lang.RuntimeException at "),
        "expected the types: " + text);
    assertTrue(text.contains("FailuresTest"), "expected the place: " + text);
    assertFalse(text.contains("hunter"), "expected no message text: " + text);
  }
}

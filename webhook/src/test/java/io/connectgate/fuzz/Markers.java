package io.connectgate.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The marker secret the seed corpora and generators put into sensitive settings
 * ({@code password="..."} in JAAS, {@code ssl.key.password}): it must never come out in a
 * message, warning or response.
 */
final class Markers {

  static final String SECRET = "Zq8xMARKERpw";

  private Markers() {}

  static void assertAbsent(String output, String what) {
    assertFalse(output.contains(SECRET), "expected no sensitive value in the " + what + ": " + output);
  }
}

package io.connectgate.admission;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Describes an unexpected exception for the log without its message: messages of failures
 * deep in the engine can quote config values (credentials included). The type and the top
 * frames say where the bug is, which is what the log needs.
 */
public final class Failures {

  static final int FRAMES = 8;

  private Failures() {}

  public static String describe(Throwable e) {
    String frames = Arrays.stream(e.getStackTrace()).limit(FRAMES).map(StackTraceElement::toString)
        .collect(Collectors.joining(" <- "));
    String cause = e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getName();
    return e.getClass().getName() + cause + " at " + (frames.isEmpty() ? "?" : frames);
  }
}

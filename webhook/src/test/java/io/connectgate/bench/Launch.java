package io.connectgate.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a benchmark starts a server, between the JVM options and {@code serve --host ...}: a
 * build's jar, or the floor server ({@code io.connectgate.server.FloorServer}, a webhook that
 * allows everything on connectgate's own HTTPS listener) from the current jar and the test
 * classes.
 */
record Launch(List<String> command, Map<String, String> environment) {

  static Launch jar(Path jar) {
    return new Launch(List.of("-jar", jar.toString()), Map.of());
  }

  /** The floor server in {@code mode} (uid, tree or worker), on the class path of {@code jar}. */
  static Launch floor(Path jar, String mode) {
    String classPath = jar + java.io.File.pathSeparator + testClasses();
    return new Launch(List.of("-cp", classPath, "io.connectgate.server.FloorServer"),
        Map.of("CONNECTGATE_FLOOR", mode));
  }

  /** Where the benchmark's own test classes are (the floor server is one of them). */
  private static Path testClasses() {
    try {
      return Path.of(Launch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return environment.isEmpty() ? String.join(" ", command) : environment + " " + String.join(" ", command);
  }
}

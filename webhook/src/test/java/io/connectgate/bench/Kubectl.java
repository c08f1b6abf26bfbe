package io.connectgate.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The kubectl the benchmarks run: KUBE_API_TEST_DIR's when it has one, else the PATH's. */
final class Kubectl {

  private Kubectl() {}

  static String path() {
    String dir = System.getenv("KUBE_API_TEST_DIR");
    if (dir != null && !dir.isBlank() && Files.isExecutable(Path.of(dir, "kubectl"))) {
      return Path.of(dir, "kubectl").toString();
    }
    return "kubectl";
  }
}

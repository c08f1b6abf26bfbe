package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The catalog-code warm-up serve starts first thing runs apart and can never hold the JVM up. */
class StartupWarmUpTest {

  private static Thread preloadThread() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if ("connectgate-preload".equals(t.getName())) {
        return t;
      }
    }
    return null;
  }

  @Test
  void warmsTheCatalogCodeOnADaemonThreadThatFinishes() throws InterruptedException {
    StartupWarmUp.catalogCodeInBackground();
    Thread thread = preloadThread();
    // It may already have finished on a warm test JVM; then there is nothing left to check.
    if (thread != null) {
      assertTrue(thread.isDaemon(), "a non-daemon warm-up would keep a failed serve's JVM alive");
      thread.join(60_000);
      assertFalse(thread.isAlive(), "the warm-up did not finish within a minute");
    }
  }

  @Test
  void thePreloadBuildsWhatACompilationUses() {
    // Runs the same dialect and mapper set-up as the compilation; it must not throw.
    io.connectgate.validation.SchemaCatalog.preload();
    assertNotNull(io.connectgate.validation.SchemaCatalog.builtIn());
  }
}

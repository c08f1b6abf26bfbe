package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** The warm-up serve starts first thing runs apart, finishes, and can never hold the JVM up. */
class StartupPreloadTest {

  @Test
  void runsOnADaemonThreadThatFinishes() throws InterruptedException {
    Thread thread = StartupPreload.start();
    assertEquals(StartupPreload.THREAD_NAME, thread.getName());
    assertTrue(thread.isDaemon(), "a non-daemon warm-up would keep a failed serve's JVM alive");
    thread.join(60_000);
    assertFalse(thread.isAlive(), "the warm-up did not finish within a minute");
  }

  @Test
  void startingItSetsUpNoLoggingOnTheCallersThread() {
    // A static logger would initialise logging on the main thread before the warm-up starts.
    for (Field f : StartupPreload.class.getDeclaredFields()) {
      assertFalse(org.slf4j.Logger.class.isAssignableFrom(f.getType()), f.getName());
    }
    assertDoesNotThrow(StartupPreload::run);
  }
}

package io.connectgate.cli;

import io.connectgate.validation.SchemaCatalog;
import org.slf4j.LoggerFactory;

/**
 * Start-up work for {@code serve} that only moves cost off the main thread: on a daemon thread
 * started first thing, the logging set-up and loading the code the schema catalog compiles with
 * (Jackson, the JSON Schema dialect), while the main thread parses the command line, which leaves
 * the other core idle. Harmless if it fails or is late: the main thread and the compilation do
 * the same work themselves (SLF4J makes concurrent first uses wait for one initialisation).
 * No logger of its own, so that starting it does not set up logging on the main thread first.
 */
final class StartupPreload {

  static final String THREAD_NAME = "connectgate-preload";

  private StartupPreload() {}

  static Thread start() {
    Thread thread = new Thread(StartupPreload::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static void run() {
    try {
      LoggerFactory.getILoggerFactory();
      SchemaCatalog.preload();
    } catch (RuntimeException | LinkageError e) {
      // Nothing to report: the real compilation meets the same problem and says so.
    }
  }
}

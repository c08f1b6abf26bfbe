package io.connectgate.connect;

import java.util.List;

/** How a deploy ended; each kind has the exit code that the CLI contract documents. */
public sealed interface DeployOutcome {

  int EXIT_OK = 0;
  int EXIT_REJECTED = 1;
  int EXIT_USAGE = 2;
  int EXIT_TIMED_OUT = 3;
  int EXIT_UNREACHABLE = 4;

  int exitCode();

  /** Connector and tasks RUNNING. {@code created}: Connect answered 201 rather than 200. */
  record Running(boolean created, int tasks) implements DeployOutcome {
    public int exitCode() {
      return EXIT_OK;
    }
  }

  /** {@code --dry-run}: nothing was sent to Connect but (optionally) the validation. */
  record DryRun() implements DeployOutcome {
    public int exitCode() {
      return EXIT_OK;
    }
  }

  /** Connect refused the request with a 4xx (a config error); its message. */
  record Rejected(int status, String message) implements DeployOutcome {
    public int exitCode() {
      return EXIT_REJECTED;
    }
  }

  /** {@code --validate-remote} found errors: one {@code /config/KEY: message} per error. */
  record Invalid(int errorCount, List<String> findings) implements DeployOutcome {
    public int exitCode() {
      return EXIT_REJECTED;
    }
  }

  /** The connector or a task went FAILED; the first line of its trace. */
  record Failed(String what, String reason) implements DeployOutcome {
    public int exitCode() {
      return EXIT_REJECTED;
    }
  }

  /** Accepted, but not RUNNING before the deadline; where it stood last. */
  record TimedOut(String lastState) implements DeployOutcome {
    public int exitCode() {
      return EXIT_TIMED_OUT;
    }
  }

  /**
   * The config was never accepted: every try until the deadline failed to connect, or was
   * answered with 5xx or 409. The last error.
   */
  record Unreachable(String lastError) implements DeployOutcome {
    public int exitCode() {
      return EXIT_UNREACHABLE;
    }
  }

  /**
   * {@code --delete}: the connector is not in Connect any more. {@code existed}: Connect
   * deleted it now (rather than answering 404, which counts as success: deletes are
   * idempotent).
   */
  record Deleted(boolean existed) implements DeployOutcome {
    public int exitCode() {
      return EXIT_OK;
    }
  }
}

package io.connectgate.e2e;

/** Exit code and captured output of a finished command (kubectl, a version probe). */
public record CommandResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** For assertion messages: everything the command said. */
  public String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}

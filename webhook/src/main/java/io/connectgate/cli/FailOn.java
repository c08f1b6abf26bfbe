package io.connectgate.cli;

import io.connectgate.validation.Severity;

/** {@code --fail-on}: which findings make the exit code 1. */
enum FailOn {
  error, warning;

  Severity severity() {
    return this == warning ? Severity.WARNING : Severity.ERROR;
  }
}

package io.connectgate.cli;

/** Why {@code serve} cannot start: printed as "connectgate serve: MESSAGE", no stack trace. */
final class StartupFailure extends Exception {
  StartupFailure(String message) {
    super(message);
  }
}

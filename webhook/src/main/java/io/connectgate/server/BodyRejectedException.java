package io.connectgate.server;

/** A request body refused before review: too large (413) or too slow (408). */
final class BodyRejectedException extends Exception {
  private final int status;

  BodyRejectedException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}

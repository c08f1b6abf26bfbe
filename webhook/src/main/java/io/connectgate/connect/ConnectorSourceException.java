package io.connectgate.connect;

/** The file or stdin given to {@code deploy} does not hold exactly one usable connector. */
public final class ConnectorSourceException extends Exception {
  public ConnectorSourceException(String message) {
    super(message);
  }

  public ConnectorSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.connectgate.tls;

/** tls.crt/tls.key cannot be used; the message names the file and the reason, never key bytes. */
public final class InvalidKeyMaterialException extends Exception {
  public InvalidKeyMaterialException(String message) {
    super(message);
  }

  public InvalidKeyMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.connectgate.tls;

import java.time.Instant;

/**
 * A checked certificate chain and private key, as the PEM bytes the server loads.
 *
 * @param fingerprint SHA-256 of both files, to notice rotation by content
 * @param notAfter expiry of the leaf certificate (exported as a metric)
 */
public record KeyMaterial(
    byte[] certPem, byte[] keyPem, String fingerprint, Instant notAfter, String subject) {

  @Override
  public String toString() {
    return "KeyMaterial[subject=" + subject + ", notAfter=" + notAfter + ", key=<redacted>]";
  }
}

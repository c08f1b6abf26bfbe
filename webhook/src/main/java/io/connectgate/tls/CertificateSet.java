package io.connectgate.tls;

/** PEM texts of a generated CA and the serving certificate it signed (key in PKCS#8). */
public record CertificateSet(String caCertPem, String certPem, String keyPem) {
  @Override
  public String toString() {
    // Records print every component; the key must never reach a log line.
    return "CertificateSet[key=<redacted>]";
  }
}

package io.connectgate.tls;

/** A CA certificate and its private key (PKCS#8), as PEM text. */
public record CertificateAuthority(String certPem, String keyPem) {
  @Override
  public String toString() {
    // Records print every component; the key must never reach a log line.
    return "CertificateAuthority[key=<redacted>]";
  }
}

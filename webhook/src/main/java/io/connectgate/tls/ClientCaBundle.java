package io.connectgate.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificates of a {@code --client-ca} bundle, parsed and checked. Public CA
 * certificates only: nothing here is secret.
 *
 * @param certificates in file order, at least one
 * @param fingerprint SHA-256 over the certificates' DER, to tell bundles apart
 */
public record ClientCaBundle(List<X509Certificate> certificates, String fingerprint) {

  public ClientCaBundle {
    certificates = List.copyOf(certificates);
  }

  /**
   * The certificates re-encoded as PEM, for the server's trust options: what was parsed is
   * exactly what gets trusted, whatever else the file held around the blocks.
   */
  public String pem() {
    StringBuilder out = new StringBuilder();
    for (X509Certificate cert : certificates) {
      out.append(Pem.encode(cert));
    }
    return out.toString();
  }

  /** The certificates' subjects (RFC 2253), in file order. */
  public List<String> subjects() {
    return certificates.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
  }
}

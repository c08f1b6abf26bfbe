package io.connectgate.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code tls.crt}/{@code tls.key} and says when their content changed. Content, not
 * mtime: cert-manager and kubelet rotate mounted Secrets by swapping the {@code ..data}
 * symlink, which leaves the mtime of the visible {@code tls.crt} link unchanged. The files
 * are small, so reading them every few seconds costs nothing. Blocking I/O: call it off the
 * event loop.
 */
public final class CertificateFiles {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateFiles.class);

  private final CertDirectory dir;
  private final KeyMaterialParser parser;
  private volatile String current;
  private volatile String lastRejected;

  public CertificateFiles(CertDirectory dir, KeyMaterialParser parser) {
    this.dir = dir;
    this.parser = parser;
  }

  /** Loads the files now; fails with the reason when they are missing or unusable. */
  public KeyMaterial load() throws IOException, InvalidKeyMaterialException {
    KeyMaterial material = parser.parse(Files.readAllBytes(dir.certFile()), Files.readAllBytes(dir.keyFile()));
    applied(material);
    return material;
  }

  /** Records that the server now serves {@code material}; until then it is offered again. */
  public void applied(KeyMaterial material) {
    current = material.fingerprint();
    lastRejected = null;
  }

  /**
   * New key material when the files changed and the new pair is usable; empty when nothing
   * changed, or when the new pair is not usable yet (half-way through a rotation, or broken),
   * in which case the server keeps the certificate it has. Call {@link #applied} once the
   * server uses it.
   */
  public Optional<KeyMaterial> changed() {
    KeyMaterial material;
    byte[] cert;
    byte[] key;
    try {
      cert = Files.readAllBytes(dir.certFile());
      key = Files.readAllBytes(dir.keyFile());
    } catch (IOException e) {
      // A symlink swap can make a file vanish for an instant; the next poll sees it.
      LOG.debug("certificate files not readable right now: {}", e.toString());
      return Optional.empty();
    }
    try {
      material = parser.parse(cert, key);
    } catch (InvalidKeyMaterialException e) {
      String rejected = e.getMessage() + "@" + cert.length + "/" + key.length;
      if (!rejected.equals(lastRejected)) {
        LOG.warn("not reloading certificate from {}: {}; keeping the current one", dir.certFile(), e.getMessage());
        lastRejected = rejected;
      }
      return Optional.empty();
    }
    if (material.fingerprint().equals(current)) {
      return Optional.empty();
    }
    return Optional.of(material);
  }
}

package io.connectgate.cli;

import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.KeyMaterial;
import io.connectgate.tls.KeyMaterialParser;
import io.connectgate.tls.TlsWarmUp;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that only makes the first request cheaper. It never decides anything: the
 * server loads and checks the certificate itself afterwards, so a warm-up that fails (files
 * absent because they are generated later, a pair half-way through a rotation) is logged at
 * DEBUG and forgotten.
 */
final class StartupWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

  private final TlsWarmUp tls;

  StartupWarmUp(TlsWarmUp tls) {
    this.tls = tls;
  }

  /** A handshake with the certificate in {@code certs}, when both files are already there. */
  void tls(CertDirectory certs) {
    if (!Files.isReadable(certs.certFile()) || !Files.isReadable(certs.keyFile())) {
      return;
    }
    long started = System.nanoTime();
    try {
      KeyMaterial material = new KeyMaterialParser()
          .parse(Files.readAllBytes(certs.certFile()), Files.readAllBytes(certs.keyFile()));
      tls.handshake(material);
      LOG.debug("startup: TLS warm-up handshake in {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      // Only the class name: a message about key material is not worth the risk in a log.
      LOG.debug("startup: TLS warm-up skipped ({})", e.getClass().getSimpleName());
    }
  }
}

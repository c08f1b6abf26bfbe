package io.connectgate.cli;

import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.KeyMaterial;
import io.connectgate.tls.KeyMaterialParser;
import io.connectgate.tls.TlsWarmUp;
import io.connectgate.validation.SchemaCatalog;
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

  /**
   * Starts, on a daemon thread, loading the code the schema catalog compiles with (Jackson, the
   * JSON Schema dialect): called first thing for {@code serve}, it overlaps with the command
   * line parsing and logging set-up of the main thread, which leave the other core idle. Harmless
   * if it fails or is late: the compilation does the same work itself.
   */
  static void catalogCodeInBackground() {
    Thread thread = new Thread(() -> {
      try {
        SchemaCatalog.preload();
      } catch (RuntimeException | LinkageError e) {
        // Nothing to report: the real compilation meets the same problem and says so.
      }
    }, "connectgate-preload");
    thread.setDaemon(true);
    thread.start();
  }

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

package io.connectgate.tls;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --self-managed-tls}: keeps the CA and serving certificate in a Secret shared by
 * every replica, copies them into {@code --cert-dir} (where the server's certificate reload
 * picks them up) and keeps {@code caBundle} of the webhook configurations current.
 *
 * <p>Every replica runs the same loop on its own thread (Kubernetes calls block, so never on
 * the event loop): read the Secret, let {@link CertificateRotation} decide whether it needs a
 * change, write it with optimistic concurrency (create: the first replica wins and the others
 * read what it wrote; update: the resourceVersion read, and on a conflict the other replica's
 * version is adopted), then install and publish what the Secret now holds. Replicas thus
 * converge on the Secret's certificate within one poll interval.
 */
public final class SelfManagedTls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SelfManagedTls.class);

  private final TlsSecretStore store;
  private final CaBundleTarget target;
  private final CertDirectory certDir;
  private final CertificateRotation rotation;
  private final Duration pollInterval;
  private final KeyMaterialParser parser = new KeyMaterialParser();
  // Its own lock: close() must not wait for a pass that holds the reconcile lock.
  private final Object lifecycle = new Object();
  private ScheduledExecutorService executor;
  private TlsSecretData installed;

  public SelfManagedTls(TlsSecretStore store, CaBundleTarget target, CertDirectory certDir,
      CertificateRotation rotation, Duration pollInterval) {
    this.store = store;
    this.target = target;
    this.certDir = certDir;
    this.rotation = rotation;
    this.pollInterval = pollInterval;
  }

  /**
   * Runs passes until a certificate is in {@code --cert-dir} (the server cannot listen
   * without one), retrying failed passes until {@code timeout}.
   */
  public void awaitFirstCertificate(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration retry = pollInterval.compareTo(Duration.ofSeconds(2)) < 0 ? pollInterval : Duration.ofSeconds(2);
    String lastProblem = "the Secret disappeared while it was being read";
    while (true) {
      try {
        reconcile();
        if (installed != null) {
          return;
        }
      } catch (RuntimeException | IOException e) {
        lastProblem = e.getMessage();
        LOG.warn("self-managed TLS: cannot prepare the certificate yet ({}); retrying", lastProblem);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("no certificate from Secret " + store.describe() + " within " + timeout + ": " + lastProblem);
      }
      Thread.sleep(Math.max(1, retry.toMillis()));
    }
  }

  /** Polls the Secret every poll interval from now on. */
  public void start() {
    synchronized (lifecycle) {
      if (executor != null) {
        return;
      }
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "connectgate-self-managed-tls");
        t.setDaemon(true);
        return t;
      });
      long ms = Math.max(1, pollInterval.toMillis());
      executor.scheduleWithFixedDelay(this::pass, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private void pass() {
    try {
      reconcile();
    } catch (RuntimeException | IOException e) {
      // The current certificate keeps serving; the next pass tries again.
      LOG.warn("self-managed TLS: pass failed, retrying in {}: {}", pollInterval, e.getMessage());
    }
  }

  /** One pass; returns what the Secret holds afterwards. */
  synchronized TlsSecretData reconcile() throws IOException {
    Optional<TlsSecretStore.Stored> stored = store.read();
    TlsSecretData current = stored.map(s -> TlsSecretData.fromMap(s.data())).orElse(null);
    Optional<RotationPlan> plan = rotation.plan(current, target::trusts);
    TlsSecretData effective = current;
    if (plan.isPresent()) {
      effective = write(stored, plan.get());
    }
    if (effective == null) {
      return null;
    }
    install(effective);
    try {
      target.publish(effective.trustBundle());
    } catch (RuntimeException e) {
      // Serving goes on (replicas already trusted keep being trusted); the next pass retries.
      LOG.warn("self-managed TLS: caBundle not updated, retrying in {}: {}", pollInterval, e.getMessage());
    }
    return effective;
  }

  private TlsSecretData write(Optional<TlsSecretStore.Stored> stored, RotationPlan plan) {
    String reasons = String.join("; ", plan.reasons());
    boolean written = stored.isEmpty()
        ? store.create(plan.data().toMap())
        : store.update(plan.data().toMap(), stored.get().resourceVersion());
    if (written) {
      LOG.info("self-managed TLS: {} Secret {}: {}", stored.isEmpty() ? "created" : "updated", store.describe(), reasons);
      return plan.data();
    }
    // Another replica wrote first: its version is as good as ours, so use it rather than fight.
    LOG.info("self-managed TLS: Secret {} was written by another replica meanwhile; adopting its version",
        store.describe());
    return store.read().map(s -> TlsSecretData.fromMap(s.data())).orElse(null);
  }

  private void install(TlsSecretData data) throws IOException {
    if (data.equals(installed)) {
      return;
    }
    try {
      // What another replica wrote is checked before it can replace a working certificate.
      java.util.Objects.requireNonNull(data.trustBundle());
      parser.parse(ascii(data.servingCert()), ascii(data.servingKey()));
    } catch (InvalidKeyMaterialException | RuntimeException e) {
      throw new IOException("Secret " + store.describe() + " holds no usable serving certificate: "
          + (e instanceof InvalidKeyMaterialException ? e.getMessage() : "tls.crt, tls.key or ca.crt missing"));
    }
    if (installed != null && data.servingCert().equals(installed.servingCert())
        && data.servingKey().equals(installed.servingKey()) && data.trustBundle().equals(installed.trustBundle())) {
      installed = data; // only next-ca.* changed: nothing to serve differently
      return;
    }
    certDir.write(data.servingFiles());
    installed = data;
    LOG.info("self-managed TLS: serving certificate from Secret {} written to {}", store.describe(),
        certDir.certFile().getParent());
  }

  private static byte[] ascii(String pem) {
    return pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      if (executor != null) {
        executor.shutdownNow();
        try {
          executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        executor = null;
      }
    }
  }
}

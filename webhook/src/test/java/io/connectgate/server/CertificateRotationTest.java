package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.CertificateSet;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls.crt/tls.key replaced under a running server: new connections get the new certificate
 * and no request fails while it happens.
 */
class CertificateRotationTest {

  static final Duration DEADLINE = Duration.ofSeconds(20);
  final CertificateGenerator generator = new CertificateGenerator(Clock.systemUTC(), new SecureRandom());
  final ScriptedReviewer reviewer = new ScriptedReviewer();
  final ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withCertPollInterval(Duration.ofMillis(100));

  @Test
  void symlinkSwapOfDataDirectoryAsKubeletDoesIt(@TempDir Path dir) throws Exception {
    CertificateSet first = generator.generate(List.of());
    CertificateSet second = generator.generate(List.of());
    writeVersion(dir.resolve("..2026_11_25_first"), first);
    Files.createSymbolicLink(dir.resolve("..data"), dir.resolve("..2026_11_25_first").getFileName());
    for (String name : List.of("tls.crt", "tls.key", "ca.crt")) {
      Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
    }
    SSLContext trustBoth = trusting(dir, first, second);

    try (TestWebhook webhook = TestWebhook.start(dir, reviewer, config, DenialMessage.DEFAULT_MAX_CHARS)) {
      assertEquals(leaf(first), presented(trustBoth, webhook.port), "expected the first certificate at start");

      try (RequestLoop loop = new RequestLoop(webhook, trustBoth)) {
        writeVersion(dir.resolve("..2026_11_25_second"), second);
        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, dir.resolve("..2026_11_25_second").getFileName());
        Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        awaitPresented(trustBoth, webhook.port, leaf(second));
        loop.assertNoFailures();
      }
      assertHttp2Still(webhook, trustBoth);
    }
  }

  @Test
  void plainFilesRewrittenInPlace(@TempDir Path dir) throws Exception {
    CertificateSet first = generator.generate(List.of());
    CertificateSet second = generator.generate(List.of());
    CertDirectory certs = new CertDirectory(dir);
    certs.write(first);
    SSLContext trustBoth = trusting(dir, first, second);

    try (TestWebhook webhook = TestWebhook.start(dir, reviewer, config, DenialMessage.DEFAULT_MAX_CHARS)) {
      try (RequestLoop loop = new RequestLoop(webhook, trustBoth)) {
        // Key first, then certificate: in between the pair does not match and must be ignored.
        Files.writeString(certs.keyFile(), second.keyPem());
        loop.awaitMore(3);
        Files.writeString(certs.certFile(), second.certPem());

        awaitPresented(trustBoth, webhook.port, leaf(second));
        loop.assertNoFailures();
      }
      assertHttp2Still(webhook, trustBoth);
    }
  }

  private static void writeVersion(Path versionDir, CertificateSet set) throws Exception {
    new CertDirectory(versionDir).write(set);
  }

  private static SSLContext trusting(Path dir, CertificateSet... sets) throws Exception {
    List<Path> cas = new java.util.ArrayList<>();
    for (int i = 0; i < sets.length; i++) {
      Path ca = dir.resolve("trusted-ca-" + i + ".crt");
      Files.writeString(ca, sets[i].caCertPem());
      cas.add(ca);
    }
    return TestWebhook.sslContext(cas);
  }

  static X509Certificate leaf(CertificateSet set) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(set.certPem().getBytes(StandardCharsets.US_ASCII)));
  }

  /** The certificate a brand-new connection is given. */
  static X509Certificate presented(SSLContext context, int port) throws Exception {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  static void awaitPresented(SSLContext context, int port, X509Certificate expected) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    X509Certificate seen = presented(context, port);
    while (!seen.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      seen = presented(context, port);
    }
    assertEquals(expected.getSerialNumber(), seen.getSerialNumber(),
        "expected new connections to get the rotated certificate within " + DEADLINE);
  }

  private static void assertHttp2Still(TestWebhook webhook, SSLContext context) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(context).build();
    HttpResponse<String> response = webhook.get(client, "/healthz");
    assertEquals(HttpClient.Version.HTTP_2, response.version(), "expected ALPN to still offer h2 after the reload");
  }

  /** Reviews sent back to back on fresh connections for as long as it is open. */
  static final class RequestLoop implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger succeeded = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    RequestLoop(TestWebhook webhook, SSLContext context) throws Exception {
      byte[] review = TestWebhook.fixture("create-validate.json");
      thread = new Thread(() -> {
        int i = 0;
        while (running.get()) {
          HttpClient.Version version = i++ % 2 == 0 ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
          try {
            // A new client per request: a new connection, so each one sees the current certificate.
            HttpClient client = HttpClient.newBuilder().version(version).sslContext(context).build();
            HttpResponse<String> response = webhook.post(client, "/validate", "application/json", review);
            if (response.statusCode() == 200) {
              succeeded.incrementAndGet();
            } else {
              failures.add("HTTP " + response.statusCode());
            }
          } catch (Exception e) {
            failures.add(e.toString());
          }
        }
      });
      thread.start();
      awaitMore(1);
    }

    void awaitMore(int count) throws InterruptedException {
      int target = succeeded.get() + count;
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (succeeded.get() < target && failures.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    void assertNoFailures() throws InterruptedException {
      awaitMore(2); // at least a couple of requests after the swap
      assertTrue(failures.isEmpty(), "expected no request to fail during the rotation: " + failures);
      assertTrue(succeeded.get() >= 3, "expected requests to run during the rotation, ran " + succeeded.get());
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(DEADLINE.toMillis());
    }
  }
}

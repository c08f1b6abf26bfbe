package io.connectgate.e2e;

import io.connectgate.cli.ServeInProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real connectgate server ({@code serve}, in this JVM) on 127.0.0.1 and a free port, with
 * the CA and serving certificate it generates itself in {@code certDir}: what the API server
 * is given as {@code caBundle} is exactly what serve wrote.
 */
final class ConnectgateServer implements AutoCloseable {

  private final ServeInProcess serve;
  private final Path certDir;
  private final HttpClient https;

  private ConnectgateServer(ServeInProcess serve, Path certDir, HttpClient https) {
    this.serve = serve;
    this.certDir = certDir;
    this.https = https;
  }

  /** Starts {@code serve --host 127.0.0.1 --port 0 --cert-dir certDir extraArgs...}. */
  static ConnectgateServer start(Path certDir, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
        "--cert-dir", certDir.toString(),
        // Tests stop it between classes: no need to keep serving while endpoints update.
        "--drain-delay", "0"));
    args.addAll(List.of(extraArgs));
    ServeInProcess serve = ServeInProcess.start(args.toArray(String[]::new));
    try {
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(certDir.resolve("ca.crt")))
          .connectTimeout(Duration.ofSeconds(5)).build();
      return new ConnectgateServer(serve, certDir, https);
    } catch (RuntimeException e) {
      serve.close();
      throw e;
    }
  }

  /** {@code https://127.0.0.1:PORT/path}: the address the API server is told to call. */
  URI url(String path) {
    return URI.create("https://127.0.0.1:" + serve.port() + path);
  }

  /** The generated CA certificate (PEM), for {@code clientConfig.caBundle}. */
  String caPem() {
    try {
      return Files.readString(certDir.resolve("ca.crt"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("serve wrote no ca.crt in " + certDir, e);
    }
  }

  PrometheusText metrics() {
    try {
      HttpResponse<String> response = https.send(HttpRequest.newBuilder(url("/metrics"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /metrics answered " + response.statusCode());
      }
      return new PrometheusText(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET /metrics failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    serve.close();
  }

  private static SSLContext trusting(Path caPem) {
    try {
      return io.connectgate.testing.TrustingTls.trusting(caPem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + caPem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + caPem, e);
    }
  }

}

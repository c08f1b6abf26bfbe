package io.connectgate.kube;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Connects to 127.0.0.1 the way the API server reaches a webhook Service: trusting only a
 * caBundle and verifying the Service's DNS name.
 */
final class TlsProbe {
  private TlsProbe() {}

  static final int TIMEOUT_MILLIS = 10_000;

  static List<X509Certificate> certificates(String pem) throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    for (var c : CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      out.add((X509Certificate) c);
    }
    return out;
  }

  static SSLContext trusting(String pemBundle) throws Exception {
    return io.connectgate.testing.TrustingTls.trustingPem(pemBundle);
  }


  /** A TLS connection to 127.0.0.1:port whose certificate was verified for {@code hostName}. */
  static SSLSocket connect(SSLContext context, String hostName, int port) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      plain.setSoTimeout(TIMEOUT_MILLIS);
      SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, hostName, port, true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setApplicationProtocols(new String[] {"http/1.1"});
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      return tls;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  static X509Certificate presented(SSLContext context, String hostName, int port) throws IOException {
    try (SSLSocket tls = connect(context, hostName, port)) {
      return (X509Certificate) tls.getSession().getPeerCertificates()[0];
    }
  }

  /** One HTTP/1.1 request on a fresh verified connection; the status code. */
  static int request(SSLContext context, String hostName, int port, String method, String path, byte[] body)
      throws IOException {
    try (SSLSocket tls = connect(context, hostName, port)) {
      OutputStream out = tls.getOutputStream();
      String head = method + " " + path + " HTTP/1.1\r\nHost: " + hostName + "\r\nConnection: close\r\n"
          + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = tls.getInputStream();
      StringBuilder status = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        status.append((char) c);
      }
      in.readAllBytes();
      String[] parts = status.toString().split(" ");
      if (parts.length < 2) {
        throw new IOException("no HTTP status line: " + status);
      }
      return Integer.parseInt(parts[1]);
    }
  }
}

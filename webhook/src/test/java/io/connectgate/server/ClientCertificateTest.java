package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.tls.ClientIdentities;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * --client-ca: admission routes demand a client certificate from that CA; probes and metrics
 * stay reachable without one (kubelet presents none). Where each refusal happens: a
 * certificate from another CA fails the TLS handshake (every route); no certificate passes the
 * handshake (client auth is REQUEST, for the probes) and the admission routes answer 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCertificateTest {

  TestWebhook webhook;
  String[] client;
  String[] stranger;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    client = ClientIdentities.issue("kube-apiserver");
    stranger = ClientIdentities.issue("someone-else");
    Path clientCa = dir.resolve("client-ca.crt");
    Files.writeString(clientCa, client[0]);
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withClientCa(clientCa);
    webhook = TestWebhook.start(dir.resolve("certs"), new ScriptedReviewer(), config, DenialMessage.DEFAULT_MAX_CHARS);
  }

  @AfterAll
  void stop() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void reviewsNeedAClientCertificateFromTheCa() throws Exception {
    byte[] review = TestWebhook.fixture("create-validate.json");
    assertEquals(200, webhook.post(clientWith(client), "/validate", "application/json", review).statusCode(),
        "expected a review from a client certified by --client-ca to be answered");
    assertEquals(401, webhook.post(webhook.client(HttpClient.Version.HTTP_2), "/validate", "application/json", review)
        .statusCode(), "expected 401 without a client certificate");
  }

  @Test
  void probesAndMetricsNeedNoClientCertificate() throws Exception {
    HttpClient anonymous = webhook.client(HttpClient.Version.HTTP_1_1);
    for (String path : List.of("/healthz", "/readyz", "/metrics")) {
      assertEquals(200, webhook.get(anonymous, path).statusCode(), "expected " + path + " open without a client certificate");
    }
  }

  @Test
  void aCertificateFromAnotherCaFailsTheHandshakeOnEveryRoute() throws Exception {
    // An untrusted chain is refused by TLS itself (REQUEST still verifies what is presented),
    // so it reaches no route at all, probes included. The client presents its certificate even
    // though it is not from a CA the server asked for (a JDK client would otherwise send none).
    HttpClient foreign = clientWith(stranger, true);
    for (String path : List.of("/validate", "/mutate")) {
      IOException refused = assertThrows(IOException.class,
          () -> webhook.post(foreign, path, "application/json", TestWebhook.fixture("create-validate.json")),
          "expected the TLS handshake to fail for a client certificate from another CA on " + path);
      // TLS 1.3: the client finishes its flight before the server's verdict, so the refusal
      // shows up as an alert or a reset on the first write or read; either way no HTTP answer.
      assertFalse(String.valueOf(refused.getMessage()).contains("HTTP"), "expected no HTTP answer, got " + refused);
    }
    // TLS 1.2 makes the verdict part of the handshake proper: it must fail right there.
    SSLContext context = sslContextWith(stranger, true);
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
        .createSocket("127.0.0.1", webhook.port)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setSoTimeout(10_000);
      // The server aborts the handshake (an alert, or just closing: then a reset or broken pipe).
      assertThrows(IOException.class, socket::startHandshake,
          "expected a TLS 1.2 handshake presenting a certificate from another CA to fail");
    }
    // Control: the same TLS 1.2 handshake with the configured CA's certificate completes.
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) sslContextWith(client, true).getSocketFactory()
        .createSocket("127.0.0.1", webhook.port)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      assertEquals(1, socket.getSession().getLocalCertificates().length, "expected the client certificate sent and accepted");
    }
    assertThrows(IOException.class, () -> webhook.get(foreign, "/healthz"),
        "expected the handshake to fail before any route, /healthz included");
  }

  @Test
  void withoutACertificateTheAdmissionRoutesAnswer401AndServeNothing() throws Exception {
    HttpClient anonymous = webhook.client(HttpClient.Version.HTTP_1_1);
    for (String path : List.of("/validate", "/mutate")) {
      HttpResponse<String> response = webhook.post(anonymous, path, "application/json",
          TestWebhook.fixture("create-validate.json"));
      assertEquals(401, response.statusCode(), "expected 401 on " + path + " without a client certificate");
      assertFalse(response.body().contains("AdmissionReview"), "expected no review answered on " + path);
    }
  }

  @Test
  void theConfiguredCaIsServedOnBothAdmissionRoutes() throws Exception {
    HttpClient trusted = clientWith(client);
    for (String path : List.of("/validate", "/mutate")) {
      HttpResponse<String> response = webhook.post(trusted, path, "application/json",
          TestWebhook.fixture("create-validate.json"));
      assertEquals(200, response.statusCode(), "expected " + path + " served to a client certified by --client-ca");
      assertTrue(response.body().contains("\"response\""), "expected an AdmissionReview response on " + path);
    }
  }

  @Test
  void aClientThatOffersNoCertificateFromTheRequestedCaGets401() throws Exception {
    // The server names the accepted CA in its CertificateRequest; a JDK client holding only a
    // certificate from another CA then sends none, and the admission route refuses.
    HttpResponse<String> response = webhook.post(clientWith(stranger), "/validate", "application/json",
        TestWebhook.fixture("create-validate.json"));
    assertEquals(401, response.statusCode(), "expected 401 when no acceptable client certificate is offered");
  }

  private HttpClient clientWith(String[] identity) throws Exception {
    return clientWith(identity, false);
  }

  private HttpClient clientWith(String[] identity, boolean always) throws Exception {
    return ClientTls.client(serverCa(), identity, always);
  }

  private SSLContext sslContextWith(String[] identity, boolean always) throws Exception {
    return ClientTls.sslContext(serverCa(), identity, always);
  }

  private List<Path> serverCa() {
    return List.of(webhook.certDir.resolve("ca.crt"));
  }
}

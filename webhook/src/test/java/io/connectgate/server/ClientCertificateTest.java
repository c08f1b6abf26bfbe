package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.tls.ClientIdentities;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * --client-ca: admission routes demand a client certificate from that CA; probes and metrics
 * stay reachable without one (kubelet presents none).
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
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    HttpClient foreign = clientWith(stranger);
    int status;
    try {
      status = webhook.post(foreign, "/validate", "application/json", TestWebhook.fixture("create-validate.json"))
          .statusCode();
    } catch (java.io.IOException handshakeRefused) {
      status = -1;
    }
    assertTrue(status == -1 || status == 401,
        "expected an untrusted client certificate refused (handshake failure or 401), got " + status);
  }

  /** identity: [CA, certificate, key] PEM. */
  private HttpClient clientWith(String[] identity) throws Exception {
    PrivateKey key;
    try (PEMParser parser = new PEMParser(new StringReader(identity[2]))) {
      key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
    Certificate cert = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(identity[1].getBytes(StandardCharsets.US_ASCII)));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", key, new char[0], new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (var in = Files.newInputStream(webhook.certDir.resolve("ca.crt"))) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(context).build();
  }
}

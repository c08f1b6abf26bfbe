package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.tls.RsaCertificates;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server runs on what cert-manager writes by default: RSA, PKCS#1 key. */
class KeyFormatsTest {

  @Test
  void servesAnRsaPkcs1KeyPair(@TempDir Path dir) throws Exception {
    String[] pair = RsaCertificates.selfSigned();
    Files.writeString(dir.resolve("tls.crt"), pair[0]);
    Files.writeString(dir.resolve("tls.key"), pair[1]);
    Files.writeString(dir.resolve("self.crt"), pair[0]);
    try (TestWebhook webhook = TestWebhook.start(dir, new ScriptedReviewer())) {
      HttpClient client = TestWebhook.client(HttpClient.Version.HTTP_2, List.of(dir.resolve("self.crt")));
      assertEquals(200, webhook.get(client, "/healthz").statusCode(), "expected an RSA PKCS#1 pair to serve");
    }
  }
}

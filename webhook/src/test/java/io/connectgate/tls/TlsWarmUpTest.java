package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsWarmUpTest {

  final CertificateGenerator generator = new CertificateGenerator(Clock.systemUTC(), new SecureRandom());
  final KeyMaterialParser parser = new KeyMaterialParser();

  @Test
  void completesAHandshakeWithTheGeneratedCertificateOnBothProtocols() throws Exception {
    KeyMaterial material = material(generator.generate(List.of("a.svc")));
    assertDoesNotThrow(() -> new TlsWarmUp(List.of("TLSv1.3")).handshake(material),
        "expected a TLS 1.3 handshake with the generated pair to complete");
    assertDoesNotThrow(() -> new TlsWarmUp(List.of("TLSv1.2")).handshake(material),
        "expected a TLS 1.2 handshake with the generated pair to complete");
  }

  @Test
  void failsWhenTheKeyDoesNotBelongToTheCertificate() throws Exception {
    CertificateSet one = generator.generate(List.of("a.svc"));
    CertificateSet other = generator.generate(List.of("a.svc"));
    // The parser would refuse this pair; build the record directly to prove the handshake
    // itself checks the key (the warm-up must not report success for a pair that cannot serve).
    KeyMaterial mismatched = new KeyMaterial(bytes(one.certPem()), bytes(other.keyPem()), "x",
        material(one).notAfter(), "CN=a.svc");
    assertThrows(Exception.class, () -> new TlsWarmUp(List.of("TLSv1.3", "TLSv1.2")).handshake(mismatched),
        "expected the handshake to fail when the key does not match the certificate");
  }

  private KeyMaterial material(CertificateSet set) throws InvalidKeyMaterialException {
    return parser.parse(bytes(set.certPem()), bytes(set.keyPem()));
  }

  private static byte[] bytes(String pem) {
    return pem.getBytes(StandardCharsets.US_ASCII);
  }
}

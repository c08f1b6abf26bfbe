package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyMaterialParserTest {

  /** PEM headers built from parts, so this source holds nothing that reads as a committed key. */
  private static final String PEM_BEGIN = "-----BEGIN ";

  final Instant now = Instant.parse("2026-11-25T12:00:00Z");
  final CertificateGenerator generator = new CertificateGenerator(Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
  final KeyMaterialParser parser = new KeyMaterialParser();

  @Test
  void generatedPairParsesWithItsExpiry() throws Exception {
    CertificateSet set = generator.generate(List.of("a.svc"));
    KeyMaterial material = parser.parse(bytes(set.certPem()), bytes(set.keyPem()));
    assertEquals(now.plus(CertificateGenerator.LEAF_VALIDITY), material.notAfter(), "expected notAfter one year on");
    assertEquals("CN=a.svc", material.subject(), "expected the first DNS name as CN");
    assertTrue(set.keyPem().startsWith(PEM_BEGIN + "PRIVATE KEY-----"), "expected a PKCS#8 key");
    assertFalse(material.toString().contains("PRIVATE"), "expected toString to redact the key");
    assertFalse(set.toString().contains("PRIVATE"), "expected toString to redact the key");
  }

  @Test
  void keyOfAnotherCertificateIsRefused() {
    CertificateSet one = generator.generate(List.of());
    CertificateSet two = generator.generate(List.of());
    InvalidKeyMaterialException e = assertThrows(InvalidKeyMaterialException.class,
        () -> parser.parse(bytes(one.certPem()), bytes(two.keyPem())));
    assertTrue(e.getMessage().contains("does not belong"), "expected a mismatch explanation: " + e.getMessage());
  }

  @Test
  void rsaPkcs1KeysAsCertManagerWritesThemAreAccepted() throws Exception {
    String[] pair = RsaCertificates.selfSigned();
    assertTrue(pair[1].startsWith(PEM_BEGIN + "RSA PRIVATE KEY-----"), "expected a PKCS#1 key in this test");
    assertEquals("CN=127.0.0.1", parser.parse(bytes(pair[0]), bytes(pair[1])).subject(), "expected the pair accepted");
  }

  @Test
  void garbageIsRefusedWithoutEchoingIt() {
    CertificateSet set = generator.generate(List.of());
    InvalidKeyMaterialException e = assertThrows(InvalidKeyMaterialException.class,
        () -> parser.parse(bytes(set.certPem()), bytes(PEM_BEGIN + "PRIVATE KEY-----\nc2VjcmV0\n-----END " + "PRIVATE KEY-----\n")));
    assertFalse(e.getMessage().contains("c2VjcmV0"), "expected no key text in the message: " + e.getMessage());
    assertThrows(InvalidKeyMaterialException.class, () -> parser.parse(bytes("not a cert"), bytes(set.keyPem())),
        "expected a non-certificate refused");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

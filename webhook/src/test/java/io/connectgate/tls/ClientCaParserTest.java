package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --client-ca bundles: every PEM block must be a certificate, at least one; text around them is ignored. */
class ClientCaParserTest {

  final ClientCaParser parser = new ClientCaParser();

  @Test
  void readsEveryCertificateInOrderIgnoringExplanatoryText() throws Exception {
    String[] one = ClientIdentities.issue("one");
    String[] two = ClientIdentities.issue("two");
    String file = "# rotated on Tuesday\n" + one[0] + "\nsubject=CN = two\n" + two[0].replace("\n", "\r\n");
    ClientCaBundle bundle = parser.parse(bytes(file));
    assertEquals(List.of("CN=test client CA one", "CN=test client CA two"), bundle.subjects(),
        "expected both CA certificates, in file order");
    ClientCaBundle again = parser.parse(bytes(bundle.pem()));
    assertEquals(bundle.fingerprint(), again.fingerprint(), "expected pem() to hold exactly the parsed certificates");
    assertFalse(bundle.pem().contains("rotated"), "expected pem() without the explanatory text");
    assertNotEquals(bundle.fingerprint(), parser.parse(bytes(one[0])).fingerprint(),
        "expected a different bundle to have a different fingerprint");
    assertEquals(parser.parse(bytes(one[0])).fingerprint(), parser.parse(bytes("# comment\n" + one[0])).fingerprint(),
        "expected comments alone not to change the fingerprint");
  }

  @Test
  void refusesAFileWithNoCertificateOrAnyBadBlockWithoutQuotingIt() throws Exception {
    String[] id = ClientIdentities.issue("one");
    String notDer = Base64.getEncoder().encodeToString("SECRET-LOOKING-BYTES".getBytes(StandardCharsets.US_ASCII));
    Map<String, String> bad = Map.of(
        "empty", "",
        "garbage", "SECRET-LOOKING-BYTES\n",
        "a private key", id[0] + id[2],
        "truncated", id[0] + "-----BEGIN CERTIFICATE-----\nMIIBSECRET\n",
        "a stray END", "-----END CERTIFICATE-----\n" + id[0],
        "bad base64", "-----BEGIN CERTIFICATE-----\nMII*SECRET*\n-----END CERTIFICATE-----\n",
        "not DER", "-----BEGIN CERTIFICATE-----\n" + notDer + "\n-----END CERTIFICATE-----\n",
        "trailing bytes", id[0].replace("-----END", "AAAA\n-----END"));
    for (Map.Entry<String, String> file : bad.entrySet()) {
      InvalidKeyMaterialException e = assertThrows(InvalidKeyMaterialException.class,
          () -> parser.parse(bytes(file.getValue())), "expected " + file.getKey() + " refused");
      assertFalse(e.getMessage().contains("SECRET"), "expected no content in the message for " + file.getKey() + ": " + e.getMessage());
      id[2].lines().filter(l -> !l.startsWith("-----"))
          .forEach(l -> assertFalse(e.getMessage().contains(l), "expected no key material in: " + e.getMessage()));
      assertTrue(e.getMessage().startsWith("PEM block") || e.getMessage().equals("no PEM certificate found"),
          "expected a reason naming the block, got " + e.getMessage());
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

package io.connectgate.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code --client-ca} PEM bundle strictly: at least one certificate, and every PEM
 * block a well-formed X.509 certificate. Text between blocks is explanatory text and is
 * ignored (RFC 7468), but a stray or unterminated boundary, a block of another type (a key
 * pasted in by mistake) or a block that does not decode rejects the whole file: a half-read
 * bundle would silently lock out the API server. Messages name blocks by position and type,
 * never by content.
 */
public final class ClientCaParser {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern BOUNDARY = Pattern.compile("-----(BEGIN|END) ");

  public ClientCaBundle parse(byte[] content) throws InvalidKeyMaterialException {
    // ISO-8859-1 maps every byte to one char, so no input makes decoding itself fail.
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher block = BLOCK.matcher(text);
    int previousEnd = 0;
    int index = 0;
    while (block.find()) {
      index++;
      requireNoBoundary(text.substring(previousEnd, block.start()), index);
      if (!"CERTIFICATE".equals(block.group(1))) {
        throw new InvalidKeyMaterialException("PEM block " + index + " is a " + block.group(1)
            + ", not a CERTIFICATE");
      }
      certificates.add(certificate(block.group(2), index));
      previousEnd = block.end();
    }
    requireNoBoundary(text.substring(previousEnd), index + 1);
    if (certificates.isEmpty()) {
      throw new InvalidKeyMaterialException("no PEM certificate found");
    }
    return new ClientCaBundle(certificates, fingerprint(certificates));
  }

  private static void requireNoBoundary(String between, int index) throws InvalidKeyMaterialException {
    if (BOUNDARY.matcher(between).find()) {
      throw new InvalidKeyMaterialException("PEM block " + index + " is malformed (unmatched BEGIN/END line)");
    }
  }

  private static X509Certificate certificate(String base64, int index) throws InvalidKeyMaterialException {
    byte[] der;
    try {
      // Strict decoder after removing line breaks: a stray character is an error, not skipped.
      der = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyMaterialException("PEM block " + index + " is not valid base64");
    }
    try {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      if (cert.getEncoded().length != der.length) {
        throw new GeneralSecurityException("trailing bytes");
      }
      return cert;
    } catch (GeneralSecurityException | RuntimeException e) {
      // The parser's own message is not quoted: it could echo part of the input.
      throw new InvalidKeyMaterialException("PEM block " + index + " is not an X.509 certificate");
    }
  }

  private static String fingerprint(List<X509Certificate> certificates) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (X509Certificate cert : certificates) {
        sha256.update(cert.getEncoded());
      }
      return HexFormat.of().formatHex(sha256.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}

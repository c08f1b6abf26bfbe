package io.connectgate.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM text of certificates and keys (PKCS#8 / X.509 SubjectPublicKeyInfo), as files and kubeconfig data. */
final class Pem {

  private Pem() {}

  static String certificate(X509Certificate cert) {
    try {
      return block("CERTIFICATE", cert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  static String privateKey(Key key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  static String publicKey(Key key) {
    return block("PUBLIC KEY", key.getEncoded());
  }

  /** Base64 of the PEM text: the form of kubeconfig *-data fields and of caBundle. */
  static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static String block(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}

package io.connectgate.tls;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM armour for DER bytes (64-column base64, as openssl writes it). */
final class Pem {
  private Pem() {}

  static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}

package io.connectgate.tls;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the self-managed TLS Secret holds, as PEM text (the Kubernetes side base64-encodes it).
 * A {@code kubernetes.io/tls} Secret, so mounting it elsewhere works as usual, plus the CA:
 *
 * @param servingCert {@code tls.crt}: the serving certificate
 * @param servingKey {@code tls.key}: its private key (PKCS#8)
 * @param trustBundle {@code ca.crt}: every CA clients must trust right now, oldest first; this
 *     is the webhook configurations' {@code caBundle}. Two CAs during a CA rotation.
 * @param caKey {@code ca.key}: key of the CA that issued {@code tls.crt}
 * @param nextCaCert {@code next-ca.crt}: during a CA rotation, the new CA (also in the bundle)
 *     waiting for the bundle to be published before it issues serving certificates; else null
 * @param nextCaKey {@code next-ca.key}: its key, or null
 */
public record TlsSecretData(
    String servingCert, String servingKey, String trustBundle, String caKey,
    String nextCaCert, String nextCaKey) {

  public static final String SERVING_CERT = "tls.crt";
  public static final String SERVING_KEY = "tls.key";
  public static final String TRUST_BUNDLE = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String NEXT_CA_CERT = "next-ca.crt";
  public static final String NEXT_CA_KEY = "next-ca.key";

  /** From a Secret's (decoded) data; absent keys become null, which the planner rejects. */
  public static TlsSecretData fromMap(Map<String, String> data) {
    return new TlsSecretData(data.get(SERVING_CERT), data.get(SERVING_KEY), data.get(TRUST_BUNDLE),
        data.get(CA_KEY), data.get(NEXT_CA_CERT), data.get(NEXT_CA_KEY));
  }

  public Map<String, String> toMap() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(SERVING_CERT, servingCert);
    data.put(SERVING_KEY, servingKey);
    data.put(TRUST_BUNDLE, trustBundle);
    data.put(CA_KEY, caKey);
    if (nextCaCert != null && nextCaKey != null) {
      data.put(NEXT_CA_CERT, nextCaCert);
      data.put(NEXT_CA_KEY, nextCaKey);
    }
    return data;
  }

  /** The files {@code serve} loads from {@code --cert-dir}: ca.crt is the whole trust bundle. */
  public CertificateSet servingFiles() {
    return new CertificateSet(trustBundle, servingCert, servingKey);
  }

  @Override
  public String toString() {
    return "TlsSecretData[keys=<redacted>, nextCa=" + (nextCaCert != null) + "]";
  }
}

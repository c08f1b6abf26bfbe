package io.connectgate.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client TLS contexts that trust exactly some certificates (a test server's CA) and nothing
 * else: the one place tests build them.
 */
public final class TrustingTls {

  private TrustingTls() {}

  /** Trusting the certificates of one PEM file. */
  public static SSLContext trusting(Path caFile) throws GeneralSecurityException, IOException {
    return trusting(List.of(caFile));
  }

  /** Trusting the certificates of every PEM file of {@code caFiles}. */
  public static SSLContext trusting(List<Path> caFiles) throws GeneralSecurityException, IOException {
    return context(trustManagers(caFiles));
  }

  /** Trusting the certificates of a PEM bundle. */
  public static SSLContext trustingPem(String pemBundle) throws GeneralSecurityException {
    return context(trustManagers(certificates(pemBundle)));
  }

  /** Trusting {@code certificates}. */
  public static SSLContext trusting(Collection<? extends Certificate> certificates)
      throws GeneralSecurityException {
    return context(trustManagers(certificates));
  }

  /** Trust managers that accept exactly the certificates of {@code caFiles}. */
  public static TrustManager[] trustManagers(List<Path> caFiles) throws GeneralSecurityException, IOException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<Certificate> all = new ArrayList<>();
    for (Path ca : caFiles) {
      try (InputStream in = Files.newInputStream(ca)) {
        all.addAll(factory.generateCertificates(in));
      }
    }
    return trustManagers(all);
  }

  /** The certificates of a PEM bundle. */
  public static List<Certificate> certificates(String pemBundle) throws GeneralSecurityException {
    return List.copyOf(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pemBundle.getBytes(StandardCharsets.US_ASCII))));
  }

  private static TrustManager[] trustManagers(Collection<? extends Certificate> certificates)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new java.security.KeyStoreException("cannot create an empty key store", e);
    }
    int i = 0;
    for (Certificate cert : certificates) {
      store.setCertificateEntry("ca" + i++, cert);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  private static SSLContext context(TrustManager[] trust) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust, new SecureRandom());
    return context;
  }
}

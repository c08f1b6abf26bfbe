package io.connectgate.server;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Clients presenting a client certificate (from {@code tls.ClientIdentities}) to a test webhook. */
final class ClientTls {
  private ClientTls() {}

  /**
   * A fresh HTTP/2 client: a new SSLContext each time, so no TLS session is resumed and every
   * request is a full handshake against the server's current client CA.
   */
  static HttpClient client(List<Path> serverCas, String[] identity, boolean always) throws Exception {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
        .sslContext(sslContext(serverCas, identity, always)).build();
  }

  /**
   * identity: [CA, certificate, key] PEM; serverCas: the CAs the server's certificate may chain
   * to; {@code always}: present the certificate whatever CAs the server asks for (a JDK client
   * otherwise sends none when its issuer is not among them).
   */
  static SSLContext sslContext(List<Path> serverCas, String[] identity, boolean always) throws Exception {
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
    KeyManager[] managers = kmf.getKeyManagers();
    if (always) {
      managers = new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) managers[0])};
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers, io.connectgate.testing.TrustingTls.trustManagers(serverCas), new SecureRandom());
    return context;
  }

  /** Offers the one client certificate it holds regardless of the issuers the server accepts. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;

    AlwaysPresent(X509ExtendedKeyManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return delegate.getPrivateKey(alias);
    }
  }
}

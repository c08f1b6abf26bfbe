package io.connectgate.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Netty server TLS context on the JDK's provider, built straight from a
 * {@link SSLContext}: what Vert.x's default factory builds through
 * {@code SslContextBuilder.forServer(kmf)} (same key and trust managers, the JDK's default
 * enabled cipher suites in its order, ALPN with a fatal alert when no protocol matches, the
 * client-auth mode), without Netty's {@code JdkSslServerContext}. That class's static
 * initializer runs a self-check once per JVM: it reads a built-in RSA test key through
 * BouncyCastle (primality-testing the key), stores it in a PKCS#12 key store and loads the JDK's
 * trust store: about 0.3 s of CPU in a start-up profile on a loaded machine, on the way to the
 * first handshake, only to learn whether trust managers may be wrapped for better error messages.
 */
public final class JdkServerContext {

  private JdkServerContext() {}

  /**
   * @param trust null: no client certificates are checked
   * @param alpn the protocols offered over ALPN, preferred first; empty: no ALPN
   * @param cipherSuites null or empty: the JDK's default enabled suites (as Vert.x does)
   */
  public static SslContext create(KeyManagerFactory keys, TrustManagerFactory trust, List<String> alpn,
      ClientAuth clientAuth, Iterable<String> cipherSuites) throws SSLException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trustManagers(trust, clientAuth), null);
      Iterable<String> ciphers = cipherSuites != null && cipherSuites.iterator().hasNext() ? cipherSuites
          : Arrays.asList(context.createSSLEngine().getEnabledCipherSuites());
      ApplicationProtocolConfig protocols = alpn.isEmpty() ? ApplicationProtocolConfig.DISABLED
          : new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
              ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
              ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT, alpn);
      return new JdkSslContext(context, false, ciphers, IdentityCipherSuiteFilter.INSTANCE, protocols,
          clientAuth == null ? ClientAuth.NONE : clientAuth, null, false);
    } catch (GeneralSecurityException e) {
      throw new SSLException("cannot build the server TLS context: " + e.getMessage(), e);
    }
  }

  /**
   * The trust managers that check client certificates. With none to check (no client CA, no
   * client authentication) an empty list: null would make the JDK load its whole default trust
   * store (cacerts, about 150 certificates) to check certificates no client sends.
   */
  private static TrustManager[] trustManagers(TrustManagerFactory trust, ClientAuth clientAuth) {
    if (trust != null) {
      return trust.getTrustManagers();
    }
    return clientAuth == null || clientAuth == ClientAuth.NONE ? new TrustManager[0] : null;
  }

  /** Key managers serving {@code key} with {@code chain} (an in-memory key store, never written). */
  public static KeyManagerFactory keyManagers(PrivateKey key, X509Certificate[] chain)
      throws GeneralSecurityException {
    char[] password = "in-memory".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new java.security.KeyStoreException("cannot create an empty key store", e);
    }
    store.setKeyEntry("key", key, password, chain);
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory;
  }
}

package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.CertificateSet;
import io.connectgate.tls.JdkServerContext;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.JdkSslServerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.spi.tls.DefaultSslContextFactory;
import io.vertx.core.spi.tls.SslContextFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The server's TLS contexts come from {@link JdkServerEngineOptions}: not Netty's
 * {@code JdkSslServerContext} (whose one-time self-check costs start-up), and otherwise what
 * Vert.x's own JDK factory builds from the same settings.
 */
class JdkServerEngineOptionsTest {

  private static final List<String> ALPN = List.of("h2", "http/1.1");

  private static KeyManagerFactory keys() throws Exception {
    CertificateSet set = new CertificateGenerator(Clock.systemUTC(), new SecureRandom())
        .generate(List.of("a.svc"));
    return JdkServerContext.keyManagers(pkcs8(set.keyPem()), certificates(set.certPem()));
  }

  /** The generator writes PKCS#8 EC keys ("PRIVATE KEY"). */
  private static PrivateKey pkcs8(String pem) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static X509Certificate[] certificates(String pem) throws Exception {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .toArray(X509Certificate[]::new);
  }

  private static TrustManagerFactory trust() throws Exception {
    CertificateSet ca = new CertificateGenerator(Clock.systemUTC(), new SecureRandom()).generate(List.of("ca"));
    X509Certificate anchor = certificates(ca.caCertPem())[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", anchor);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  /** As Vert.x configures a server's factory (SslContextManager). */
  private static SslContext build(SslContextFactory factory, KeyManagerFactory keys, TrustManagerFactory trust,
      ClientAuth auth, Set<String> ciphers) throws Exception {
    return factory.useAlpn(true).forClient(false).keyMananagerFactory(keys).trustManagerFactory(trust)
        .clientAuth(auth).enabledCipherSuites(ciphers).applicationProtocols(ALPN).create();
  }

  private static void assertSame(SslContext vertx, SslContext ours) {
    assertTrue(ours.isServer());
    assertEquals(vertx.cipherSuites(), ours.cipherSuites());
    assertEquals(vertx.applicationProtocolNegotiator().protocols(), ours.applicationProtocolNegotiator().protocols());
    SSLEngine expected = vertx.newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine actual = ours.newEngine(ByteBufAllocator.DEFAULT);
    assertEquals(List.of(expected.getEnabledCipherSuites()), List.of(actual.getEnabledCipherSuites()));
    assertEquals(List.of(expected.getEnabledProtocols()), List.of(actual.getEnabledProtocols()));
    assertEquals(expected.getNeedClientAuth(), actual.getNeedClientAuth());
    assertEquals(expected.getWantClientAuth(), actual.getWantClientAuth());
    assertEquals(expected.getClass(), actual.getClass(), "the same ALPN wrapper around the JDK engine");
  }

  @Test
  void serverContextsAreVertxsWithoutNettysSelfCheckingServerContext() throws Exception {
    KeyManagerFactory keys = keys();
    SslContext ours = build(new JdkServerEngineOptions().sslContextFactory(), keys, null, null, Set.of());
    assertInstanceOf(JdkSslContext.class, ours);
    assertFalse(ours instanceof JdkSslServerContext, "Netty's self-checking server context came back");
    assertSame(build(new DefaultSslContextFactory(SslProvider.JDK, false), keys, null, null, Set.of()), ours);
  }

  @Test
  void clientCertificatesAreRequestedAndCipherSuitesKeptAsVertxDoes() throws Exception {
    KeyManagerFactory keys = keys();
    TrustManagerFactory trust = trust();
    assertSame(build(new DefaultSslContextFactory(SslProvider.JDK, false), keys, trust, ClientAuth.OPTIONAL, Set.of()),
        build(new JdkServerEngineOptions().sslContextFactory(), keys, trust, ClientAuth.OPTIONAL, Set.of()));
    assertSame(build(new DefaultSslContextFactory(SslProvider.JDK, false), keys, trust, ClientAuth.REQUIRE, Set.of()),
        build(new JdkServerEngineOptions().sslContextFactory(), keys, trust, ClientAuth.REQUIRE, Set.of()));
    Set<String> two = Set.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    SslContext ours = build(new JdkServerEngineOptions().sslContextFactory(), keys, null, null, two);
    assertEquals(Set.copyOf(ours.cipherSuites()), two);
  }

  @Test
  void copiesStayThisEngine() {
    assertInstanceOf(JdkServerEngineOptions.class, new JdkServerEngineOptions().copy());
  }
}

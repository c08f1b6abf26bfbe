package io.connectgate.server;

import io.connectgate.tls.JdkServerContext;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.DefaultSslContextFactory;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Vert.x's JDK SSL engine whose server contexts are built by {@link JdkServerContext} (the same
 * context as Vert.x's default factory builds, without Netty's costly one-time self-check);
 * client contexts are Vert.x's own. (It extends the abstract options rather than
 * {@code JdkSSLEngineOptions}, whose code-generation annotation is not on the class path.)
 */
final class JdkServerEngineOptions extends SSLEngineOptions {

  JdkServerEngineOptions() {}

  private JdkServerEngineOptions(JdkServerEngineOptions other) {
    super(other);
  }

  @Override
  public JdkServerEngineOptions copy() {
    return new JdkServerEngineOptions(this);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    // What JdkSSLEngineOptions#sslContextFactory returns: JDK provider, no session cache flag.
    return new Factory(new DefaultSslContextFactory(SslProvider.JDK, false));
  }

  /** Records what Vert.x asks for, and passes it on to Vert.x's factory for client contexts. */
  static final class Factory implements SslContextFactory {

    private final SslContextFactory vertx;
    private boolean useAlpn;
    private ClientAuth clientAuth;
    private boolean forClient;
    private KeyManagerFactory keys;
    private TrustManagerFactory trust;
    private Set<String> cipherSuites;
    private List<String> applicationProtocols = List.of();

    Factory(SslContextFactory vertx) {
      this.vertx = vertx;
    }

    @Override
    public SslContextFactory useAlpn(boolean useAlpn) {
      this.useAlpn = useAlpn;
      vertx.useAlpn(useAlpn);
      return this;
    }

    @Override
    public SslContextFactory clientAuth(ClientAuth clientAuth) {
      this.clientAuth = clientAuth;
      vertx.clientAuth(clientAuth);
      return this;
    }

    @Override
    public SslContextFactory forClient(boolean forClient) {
      this.forClient = forClient;
      vertx.forClient(forClient);
      return this;
    }

    @Override
    public SslContextFactory keyMananagerFactory(KeyManagerFactory keys) {
      this.keys = keys;
      vertx.keyMananagerFactory(keys);
      return this;
    }

    @Override
    public SslContextFactory trustManagerFactory(TrustManagerFactory trust) {
      this.trust = trust;
      vertx.trustManagerFactory(trust);
      return this;
    }

    @Override
    public SslContextFactory enabledCipherSuites(Set<String> cipherSuites) {
      this.cipherSuites = cipherSuites;
      vertx.enabledCipherSuites(cipherSuites);
      return this;
    }

    @Override
    public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
      this.applicationProtocols = applicationProtocols == null ? List.of() : List.copyOf(applicationProtocols);
      vertx.applicationProtocols(applicationProtocols);
      return this;
    }

    @Override
    public SslContextFactory serverName(String serverName) {
      vertx.serverName(serverName);
      return this;
    }

    @Override
    public SslContext create() throws SSLException {
      if (forClient || keys == null) {
        return vertx.create();
      }
      return JdkServerContext.create(keys, trust, useAlpn ? applicationProtocols : List.of(), clientAuth,
          cipherSuites);
    }
  }
}

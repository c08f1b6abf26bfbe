package io.connectgate.server;

import io.connectgate.tls.ClientCaBundle;
import io.connectgate.tls.KeyMaterial;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.function.Supplier;

/**
 * The server's TLS as one value: the serving key/certificate and the client CA bundle.
 * {@code updateSSLOptions} replaces all SSL options at once, so each update is built from
 * both current halves: a certificate reload keeps the client CA in force and a client-CA
 * reload keeps the certificate. Updates run one after another, each built when its turn
 * comes, so two reloads at the same moment cannot apply a stale half.
 */
final class ServerTls {

  private final ServerSSLOptions base;
  private final HttpServer server;
  private KeyMaterial serving;
  private ClientCaBundle clientCa;
  private Future<Boolean> last = Future.succeededFuture(true);

  /**
   * @param base the server's SSL options as started (protocols, ALPN, handshake timeout,
   *     client auth); copied, and only key/cert and trust are replaced later
   * @param clientCa null without {@code --client-ca}
   */
  ServerTls(ServerSSLOptions base, HttpServer server, KeyMaterial serving, ClientCaBundle clientCa) {
    this.base = base.copy();
    this.server = server;
    this.serving = serving;
    this.clientCa = clientCa;
  }

  Future<Boolean> useCertificate(KeyMaterial material) {
    return enqueue(() -> build(material, clientCa), () -> serving = material);
  }

  Future<Boolean> useClientCa(ClientCaBundle bundle) {
    return enqueue(() -> build(serving, bundle), () -> clientCa = bundle);
  }

  private synchronized Future<Boolean> enqueue(Supplier<ServerSSLOptions> options, Runnable commit) {
    // transform, not compose: a failed update must not block the ones after it.
    last = last.transform(previous -> {
      ServerSSLOptions ssl;
      synchronized (this) {
        ssl = options.get(); // the other half as it is now, after every earlier update
      }
      return server.updateSSLOptions(ssl, true).map(updated -> {
        synchronized (this) {
          commit.run(); // before this future completes, so the next update sees it
        }
        return updated;
      });
    });
    return last;
  }

  private ServerSSLOptions build(KeyMaterial material, ClientCaBundle bundle) {
    ServerSSLOptions ssl = base.copy().setKeyCertOptions(keyCert(material));
    if (bundle != null) {
      ssl.setTrustOptions(trust(bundle));
    }
    return ssl;
  }

  static PemKeyCertOptions keyCert(KeyMaterial material) {
    // Values, not paths: what was checked is exactly what gets served, with no second read.
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(material.certPem()))
        .setKeyValue(Buffer.buffer(material.keyPem()));
  }

  static PemTrustOptions trust(ClientCaBundle bundle) {
    // Values, not the path: the certificates checked are exactly those trusted.
    return new PemTrustOptions().addCertValue(Buffer.buffer(bundle.pem()));
  }
}

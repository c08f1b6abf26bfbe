package io.connectgate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The load benchmark's HTTPS client for one protocol, trusting the server's CA and checking its
 * host name. HTTP/1.1: keep-alive, up to {@code connections} connections (one request each at a
 * time, as kube-apiserver's webhook client opens more connections under concurrency). HTTP/2:
 * negotiated by ALPN (offering only h2, so a server without it fails instead of falling back),
 * up to {@code h2Connections} connections carrying up to {@code h2Streams} concurrent streams
 * each: few connections, many streams, as Go's HTTP/2 transport does.
 */
final class BenchClient {

  /** The protocols the benchmark drives, by their label in the figures. */
  enum Protocol {
    HTTP_1_1("HTTP/1.1", HttpVersion.HTTP_1_1),
    HTTP_2("HTTP/2", HttpVersion.HTTP_2);

    final String label;
    final HttpVersion version;

    Protocol(String label, HttpVersion version) {
      this.label = label;
      this.version = version;
    }

    /** "h1" or "h2" (the benchmark's {@code protocols=} argument). */
    static Protocol named(String name) {
      return switch (name) {
        case "h1", "http1.1" -> HTTP_1_1;
        case "h2", "http2" -> HTTP_2;
        default -> throw new IllegalArgumentException("protocol " + name + ": expected h1 or h2");
      };
    }
  }

  private BenchClient() {}

  static HttpClient create(Vertx vertx, Protocol protocol, Path caFile, int connections, int h2Connections,
      int h2Streams) {
    HttpClientOptions options = new HttpClientOptions()
        .setProtocolVersion(protocol.version)
        .setSsl(true)
        .setVerifyHost(true)
        .setKeepAlive(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections);
    if (protocol == Protocol.HTTP_2) {
      options.setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2)).setHttp2MultiplexingLimit(h2Streams);
      pool.setHttp2MaxSize(h2Connections);
    }
    return vertx.createHttpClient(options, pool);
  }
}

package io.connectgate.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One TLS handshake between two in-memory engines, with the certificate about to be served.
 * In a cold JVM the first handshake costs about a second: the first server context and ALPN
 * engine (Netty's ALPN wrapper registers the BouncyCastle provider to learn whether BouncyCastle's
 * JSSE is in use), JSSE's handshake classes and the signature and key-exchange code. Done while the schema catalog
 * compiles on the other core, that cost is gone before the first real client connects. No
 * socket, nothing leaves memory.
 *
 * <p>The server side gets the key as the server itself will have it: Vert.x reads the PEM into
 * a key of the JDK's providers, so the handshake signs with the same code. (Netty's own PEM
 * reading would produce a BouncyCastle key, whose signing code the server never runs.)
 */
public final class TlsWarmUp {

  private static final int MAX_STEPS = 200;
  private static final List<String> ALPN = List.of("h2", "http/1.1");

  private final List<String> protocols;

  public TlsWarmUp(List<String> protocols) {
    this.protocols = List.copyOf(protocols);
  }

  /** Runs the handshake; throws if it did not complete (the caller treats that as harmless). */
  public void handshake(KeyMaterial material) throws SSLException, InvalidKeyMaterialException {
    X509Certificate[] chain = KeyMaterialParser.certificates(material.certPem());
    SslContext server;
    try {
      // As the server builds its context (WebhookServer), so the warm-up runs the same code.
      server = JdkServerContext.create(
          JdkServerContext.keyManagers(KeyMaterialParser.privateKey(material.keyPem()), chain), null,
          ALPN, ClientAuth.NONE, null);
    } catch (GeneralSecurityException e) {
      throw new SSLException("TLS warm-up: " + e.getMessage(), e);
    }
    // The client trusts exactly the certificate it is about to be shown; a mounted
    // certificate names the Service, not an address we could dial, so no host name check.
    SslContext client = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .protocols(protocols)
        .endpointIdentificationAlgorithm(null)
        .trustManager(chain[0])
        .build();
    SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
    serverEngine.setEnabledProtocols(protocols.toArray(String[]::new));
    SSLEngine clientEngine = client.newEngine(ByteBufAllocator.DEFAULT);
    try {
      run(clientEngine, serverEngine);
    } finally {
      clientEngine.closeOutbound();
      serverEngine.closeOutbound();
    }
  }

  private static void run(SSLEngine client, SSLEngine server) throws SSLException {
    int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
    int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
    ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
    ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
    ByteBuffer plain = ByteBuffer.allocate(app);
    ByteBuffer empty = ByteBuffer.allocate(0);
    client.beginHandshake();
    server.beginHandshake();
    for (int step = 0; step < MAX_STEPS; step++) {
      if (done(client) && done(server)) {
        return;
      }
      advance(client, empty, toServer, toClient, plain);
      advance(server, empty, toClient, toServer, plain);
    }
    throw new SSLException("TLS warm-up handshake did not complete in " + MAX_STEPS + " steps");
  }

  /** One step for one engine: run delegated tasks, write what it has to send, read what it got. */
  private static void advance(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in,
      ByteBuffer plain) throws SSLException {
    HandshakeStatus status = engine.getHandshakeStatus();
    if (status == HandshakeStatus.NEED_TASK) {
      Runnable task;
      while ((task = engine.getDelegatedTask()) != null) {
        task.run();
      }
      status = engine.getHandshakeStatus();
    }
    if (status == HandshakeStatus.NEED_WRAP) {
      SSLEngineResult result = engine.wrap(empty, out);
      check(result);
    } else if (status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN) {
      in.flip();
      SSLEngineResult result = engine.unwrap(in, plain);
      in.compact();
      plain.clear();
      check(result);
    }
  }

  private static void check(SSLEngineResult result) throws SSLException {
    if (result.getStatus() == SSLEngineResult.Status.CLOSED
        || result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      throw new SSLException("TLS warm-up handshake stopped: " + result.getStatus());
    }
  }

  private static boolean done(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
  }
}

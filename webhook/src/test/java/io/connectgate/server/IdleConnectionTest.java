package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that connects and then says nothing does not keep a connection forever. */
class IdleConnectionTest {

  @Test
  void idleConnectionsAreClosed(@TempDir Path dir) throws Exception {
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withIdleTimeout(Duration.ofSeconds(1));
    try (TestWebhook webhook = TestWebhook.start(dir, new ScriptedReviewer(), config, DenialMessage.DEFAULT_MAX_CHARS);
        SSLSocket socket = (SSLSocket) TestWebhook.sslContext(List.of(dir.resolve("ca.crt")))
            .getSocketFactory().createSocket("127.0.0.1", webhook.port)) {
      socket.setSoTimeout(20_000); // far beyond the idle timeout: the server must act first
      socket.startHandshake();
      long start = System.nanoTime();
      int read;
      try {
        read = socket.getInputStream().read();
      } catch (IOException closed) {
        read = -1;
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(-1, read, "expected the server to close the idle connection");
      assertTrue(waited.compareTo(Duration.ofSeconds(15)) < 0, "expected it closed near the 1 s idle timeout, took " + waited);
    }
  }
}

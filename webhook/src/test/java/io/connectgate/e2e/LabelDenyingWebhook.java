package io.connectgate.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal validating admission webhook over HTTPS on loopback: denies every object that
 * carries {@code label}, allows the rest, and records the request paths it was called with.
 * It keeps the tier's own smoke test independent of connectgate ({@link ConnectgateInCluster}
 * wires in the real server).
 */
final class LabelDenyingWebhook implements AutoCloseable {

  /** One admission call as received: the path with query, and the object's name. */
  record Call(String pathAndQuery, String objectName) {}

  private final HttpsServer server;
  private final ExecutorService executor;
  private final String label;
  private final String message;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private LabelDenyingWebhook(HttpsServer server, ExecutorService executor, String label, String message) {
    this.server = server;
    this.executor = executor;
    this.label = label;
    this.message = message;
  }

  static LabelDenyingWebhook start(TestCa ca, String label, String message) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      server.setHttpsConfigurator(new HttpsConfigurator(ca.sslContext(ca.issueServer("e2e-webhook"))));
      ExecutorService executor = Executors.newFixedThreadPool(2);
      server.setExecutor(executor);
      LabelDenyingWebhook webhook = new LabelDenyingWebhook(server, executor, label, message);
      server.createContext("/validate", webhook::handle);
      server.start();
      return webhook;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test webhook", e);
    }
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/validate");
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      JsonNode review = json.readTree(body.readAllBytes());
      JsonNode request = review.path("request");
      JsonNode metadata = request.path("object").path("metadata");
      calls.add(new Call(exchange.getRequestURI().toString(), metadata.path("name").asString()));
      boolean deny = metadata.path("labels").has(label);
      ObjectNode out = json.createObjectNode();
      out.put("apiVersion", "admission.k8s.io/v1");
      out.put("kind", "AdmissionReview");
      ObjectNode response = out.putObject("response");
      response.put("uid", request.path("uid").asString());
      response.put("allowed", !deny);
      if (deny) {
        response.putObject("status").put("code", 403).put("message", message);
      }
      byte[] bytes = json.writeValueAsBytes(out);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(500, -1);
      throw e;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

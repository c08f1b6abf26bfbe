package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code serve --connect-plugins-url}: the wiring from the option to the reviews. A loopback
 * stand-in answers {@code GET /connector-plugins} (the protocol against a real worker is
 * InstalledPluginsAgainstConnectTest); a review naming a class it lacks gets an
 * installedPlugins warning, one naming a listed class does not.
 */
class ServeConnectPluginsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void reviewsWarnOfAClassTheConnectClusterLacks(@TempDir Path dir) throws Exception {
    CountDownLatch reads = new CountDownLatch(2);
    HttpServer connect = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    connect.createContext("/connector-plugins", exchange -> {
      boolean asked = "connectorsOnly=false".equals(exchange.getRequestURI().getQuery());
      byte[] body = (asked ? "[{\"class\": \"org.apache.kafka.connect.file.FileStreamSourceConnector\","
          + " \"type\": \"source\", \"version\": \"4.1.1\"}]" : "[]").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      reads.countDown();
    });
    connect.start();
    ServeCommand serve = new ServeCommand();
    Path certs = dir.resolve("certs");
    new CommandLine(serve).parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir",
        certs.toString(), "--connect-plugins-url",
        "http://127.0.0.1:" + connect.getAddress().getPort(), "--connect-plugins-period", "1s");
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start");
    try {
      // A second read starts only after the first one was stored (fixed delay): the cache is set.
      assertTrue(reads.await(60, TimeUnit.SECONDS), "expected serve to read the plugin list");
      HttpClient client = HttpClient.newBuilder()
          .sslContext(ServeCommandTest.trusting(certs.resolve("ca.crt"))).build();
      JsonNode missing = review(client, running.port(), "io.example.MissingConnector");
      assertTrue(missing.path("response").path("allowed").asBoolean(false),
          () -> "a warning, not a denial: " + missing);
      assertTrue(missing.path("response").path("warnings").toString()
          .contains("/config/connector.class: installedPlugins: Connect has no such connector"),
          () -> "expected the installedPlugins warning: " + missing);
      JsonNode present = review(client, running.port(), "FileStreamSource");
      assertFalse(present.path("response").path("warnings").toString().contains("installedPlugins"),
          () -> "FileStreamSource is listed (by alias): " + present);
    } finally {
      running.stop(Duration.ofSeconds(1));
      connect.stop(0);
    }
  }

  private static JsonNode review(HttpClient client, int port, String connectorClass)
      throws Exception {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", "u-" + connectorClass.length()).put("operation", "CREATE")
        .put("namespace", "team-a").put("name", "cdc");
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
    request.putObject("resource").put("group", "").put("version", "v1")
        .put("resource", "configmaps");
    request.putObject("userInfo").put("username", "dev");
    ObjectNode object = request.putObject("object");
    object.put("apiVersion", "v1").put("kind", "ConfigMap");
    object.putObject("metadata").put("name", "cdc").put("namespace", "team-a");
    object.putObject("data").put("connector.json", "{\"name\": \"cdc\", \"config\": {"
        + "\"connector.class\": \"" + connectorClass + "\", \"file\": \"/tmp/in\","
        + " \"topic\": \"t\"}}");
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(
        URI.create("https://localhost:" + port + "/validate"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(review))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r::body);
    return JSON.readTree(r.body());
  }
}

package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Origin;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Severity;
import io.connectgate.validation.TestCatalogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Kafka Connect 4.1's REST layer (Jersey + Jackson 2) accepts as a POST /connectors
 * body, byte for byte as a {@code curl --data-binary @file} Job sends a ConfigMap entry, and
 * that connectgate's detection agrees: every text Connect accepts as a connector is detected
 * as one in an unlabelled ConfigMap, and denied unless it is plain JSON. Found here: Connect
 * skips a leading byte order mark and decodes NUL-interleaved text as UTF-16, but refuses
 * trailing content (its Jackson provider fails on trailing tokens) and comments; connectgate
 * denies all of them when the text is a connector.
 */
@Tag("connect")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectJsonReadingTest {


  private ConnectWorker worker;
  private EmbeddedConnectCluster connect;
  private URI connectors;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private ConnectorEngine engine;
  @TempDir Path dir;

  @BeforeAll
  void startConnect() {
    worker = ConnectWorker.start("connectgate-json-reading", Map.of());
    connect = worker.cluster();
    connectors = URI.create(worker.url() + "/connectors");
    engine = new ConnectorEngine(TestCatalogs.repository());
  }

  @AfterAll
  void stopConnect() {
    if (worker != null) {
      worker.close();
    }
  }

  private String document(String name) {
    return "{\"name\": \"" + name + "\", \"config\": {\"connector.class\":"
        + " \"org.apache.kafka.connect.file.FileStreamSourceConnector\", \"tasks.max\": \"1\","
        + " \"file\": \"" + dir.resolve(name + ".txt").toString().replace("\\", "/") + "\","
        + " \"topic\": \"cg-" + name + "\"}}";
  }

  /** Connect's status for exactly these bytes as a POST /connectors body. */
  private int post(String text) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(connectors)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8)))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String interleave(String text, boolean nulFirst) {
    StringBuilder out = new StringBuilder(text.length() * 2);
    for (char c : text.toCharArray()) {
      out.append(nulFirst ? "\u0000" + c : c + "\u0000");
    }
    return out.toString();
  }

  private Inspection inspectUnlabelled(String key, String text) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(key, text);
    return engine.inspect(new ConfigMapView(Origin.admission("ns", "cm"), Map.of(), Map.of(),
        data));
  }

  @Test
  void whatConnectAcceptsIsDetectedAndOnlyPlainJsonIsAdmitted() throws Exception {
    Map<String, String> variants = new LinkedHashMap<>();
    Map<String, Boolean> connectAccepts = new LinkedHashMap<>();
    variants.put("plain", document("plain"));
    connectAccepts.put("plain", true);
    variants.put("bom", "\uFEFF" + document("bom"));
    connectAccepts.put("bom", true);
    variants.put("trailing-garbage", document("trailing-garbage") + "\n}} not json at all");
    connectAccepts.put("trailing-garbage", false);
    variants.put("trailing-document", document("trailing-document") + document("second"));
    connectAccepts.put("trailing-document", false);
    variants.put("bom-and-trailing", "\uFEFF" + document("bom-and-trailing") + "]");
    connectAccepts.put("bom-and-trailing", false);
    variants.put("trailing-whitespace", document("trailing-whitespace") + "\n \t\r\n");
    connectAccepts.put("trailing-whitespace", true);
    variants.put("comment", document("comment").replace("{\"name\"", "{/* c */ \"name\""));
    connectAccepts.put("comment", false);
    variants.put("two-boms", "\uFEFF\uFEFF" + document("two-boms"));
    connectAccepts.put("two-boms", false);

    // NUL characters between the characters: the UTF-8 bytes of the entry are then the
    // UTF-16 encoding of the document, and Jackson's encoding detection decodes them so.
    variants.put("utf16le", interleave(document("utf16le"), false));
    connectAccepts.put("utf16le", true);
    variants.put("utf16be", interleave(document("utf16be"), true));
    connectAccepts.put("utf16be", true);
    // Interleaved twice: each character followed by three NULs, UTF-32LE.
    variants.put("utf32le", interleave(interleave(document("utf32le"), false), false));
    connectAccepts.put("utf32le", true);

    for (Map.Entry<String, String> v : variants.entrySet()) {
      String name = v.getKey();
      int status = post(v.getValue());
      boolean accepted = status == 201;
      assertEquals(connectAccepts.get(name), accepted,
          "Kafka Connect's verdict on the " + name + " body (HTTP " + status + ")");

      String key = name + ".json";
      Inspection inspection = inspectUnlabelled(key, v.getValue());
      if (accepted) {
        assertTrue(inspection.carriesConnectors(),
            "expected the " + name + " text, which Connect accepts, detected as a connector");
      }
      if ("plain".equals(name) || "trailing-whitespace".equals(name)) {
        assertFalse(inspection.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR),
            "expected plain JSON admitted: " + inspection.findings());
        continue;
      }
      if (inspection.carriesConnectors()) {
        Finding denial = inspection.findings().stream()
            .filter(f -> f.severity() == Severity.ERROR && "json-syntax".equals(f.rule()))
            .findFirst().orElseThrow(() -> new AssertionError(
                "expected a json-syntax error for " + name + ": " + inspection.findings()));
        String described = denial.describe();
        assertTrue(described.startsWith("data[" + key + "]"), "expected the key named: " + described);
        String what = name.startsWith("bom") ? "byte order mark"
            : name.startsWith("utf") ? "NUL characters"
            : name.equals("comment") ? "comments" : "after the end of the JSON value";
        assertTrue(described.contains(what), "expected \"" + what + "\" in: " + described);
      }
    }
  }
}

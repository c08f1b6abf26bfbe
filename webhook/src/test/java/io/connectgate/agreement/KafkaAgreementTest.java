package io.connectgate.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.connectgate.connector.Origin;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import io.connectgate.validation.TestCatalogs;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agreement with Kafka as the measure: every generated variant ({@link Variants}, 300+) goes
 * both to connectgate's engine and to {@code PUT /connector-plugins/{class}/config/validate} of
 * a real Kafka Connect 4.1 worker (EmbeddedConnectCluster on 127.0.0.1, worker config in
 * {@code agreement/connect-worker.properties}). The verdicts agree when both reject (Connect: an
 * error count above 0, or the request refused; connectgate: an ERROR finding) or both accept.
 * Each disagreement must be listed in {@code agreement/disagreements.txt} with the reason
 * connectgate is deliberately different; a listed entry that no longer disagrees fails too.
 * The figure is written to {@code target/kafka-agreement.txt} and stated in docs/schemas.md.
 */
@Tag("connect")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAgreementTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String[] NOISY_LOGGERS = {"org.apache.kafka", "kafka",
      "org.eclipse.jetty", "org.glassfish", "org.reflections", "state.change.logger"};

  private final Map<String, Level> savedLevels = new HashMap<>();
  private final ConnectorEngine engine = new ConnectorEngine(TestCatalogs.repository());
  private EmbeddedConnectCluster connect;

  @BeforeAll
  void startConnect() throws IOException {
    for (String noisy : NOISY_LOGGERS) {
      Logger logger = (Logger) LoggerFactory.getLogger(noisy);
      savedLevels.put(noisy, logger.getLevel());
      logger.setLevel(Level.OFF);
    }
    Properties worker = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/agreement/connect-worker.properties")) {
      worker.load(in);
    }
    Map<String, String> props = new HashMap<>();
    worker.forEach((k, v) -> props.put(k.toString(), v.toString()));
    connect = new EmbeddedConnectCluster.Builder().name("connectgate-agreement").numWorkers(1)
        .numBrokers(1).workerProps(props).build();
    connect.start();
  }

  @AfterAll
  void stopConnect() {
    if (connect != null) {
      connect.stop();
    }
    savedLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
  }

  /** Kafka's verdict: the keys Connect reports errors on ("(request)" when it refused it). */
  private Set<String> kafka(Variant v) {
    String cls = v.connectorClass().strip();
    String url = connect.endpointForResource("connector-plugins/" + cls + "/config/validate");
    Response response = connect.requestPut(url, JSON.writeValueAsString(v.config()));
    Object entity = response.getEntity(); // EmbeddedConnect hands back the body as text
    String body = entity == null ? "" : entity.toString();
    Set<String> errors = new TreeSet<>();
    if (response.getStatus() != 200) {
      errors.add("(request " + response.getStatus() + ")");
      return errors;
    }
    for (JsonNode c : JSON.readTree(body).path("configs")) {
      if (!c.path("value").path("errors").isEmpty()) {
        errors.add(c.path("value").path("name").asString());
      }
    }
    return errors;
  }

  /** connectgate's verdict: the keys with an ERROR finding ("(document)" without a key). */
  private Set<String> connectgate(Variant v) {
    String text = JSON.writeValueAsString(v.config());
    Set<String> errors = new TreeSet<>();
    for (Finding f : engine.inspectConnectorText(text, new Origin(v.id(), 0, null, null))
        .findings()) {
      if (f.severity() == Severity.ERROR) {
        String pointer = f.location().pointer();
        errors.add(pointer == null || pointer.length() <= 1 ? "(document)" : pointer.substring(1));
      }
    }
    return errors;
  }

  @Test
  void connectgateAgreesWithKafkaOrSaysWhyNot() throws IOException {
    List<Variant> variants = Variants.all();
    Set<String> ids = new HashSet<>();
    variants.forEach(v -> assertTrue(ids.add(v.id()), () -> "duplicate variant id " + v.id()));
    assertTrue(variants.size() >= 300, () -> "expected at least 300 variants, got "
        + variants.size());
    Map<String, String> listed = disagreementsFile();
    Map<Pattern, String> globs = new LinkedHashMap<>();
    listed.keySet().forEach(g -> globs.put(glob(g), g));
    Set<String> used = new HashSet<>();
    List<String> unexplained = new ArrayList<>();
    List<String> report = new ArrayList<>();
    int agree = 0;
    for (Variant v : variants) {
      Set<String> k = kafka(v);
      Set<String> c = connectgate(v);
      boolean same = k.isEmpty() == c.isEmpty();
      String line = v.id() + "  kafka=" + k + "  connectgate=" + c;
      if (same) {
        agree++;
        report.add("agree     " + line);
        continue;
      }
      report.add("DISAGREE  " + line);
      String entry = globs.entrySet().stream().filter(g -> g.getKey().matcher(v.id()).matches())
          .map(Map.Entry::getValue).findFirst().orElse(null);
      if (entry == null) {
        unexplained.add(line);
      } else {
        used.add(entry);
      }
    }
    String figure = String.format("agreement with Kafka Connect 4.1 validation: %d of %d"
        + " variants (%.1f%%); %d disagreements, each listed in disagreements.txt", agree,
        variants.size(), 100.0 * agree / variants.size(), variants.size() - agree);
    report.add(0, figure);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/kafka-agreement.txt"), report, StandardCharsets.UTF_8);
    System.out.println(figure);
    assertTrue(unexplained.isEmpty(), () -> "disagreements with Kafka not listed in"
        + " agreement/disagreements.txt (fix them, or list them with the reason):\n  "
        + String.join("\n  ", unexplained));
    Set<String> stale = new TreeSet<>(listed.keySet());
    stale.removeAll(used);
    assertEquals(Set.of(), stale, "disagreements.txt entries that match no disagreement any"
        + " more (remove them)");
  }

  /** "glob | reason" lines; '*' in a glob matches any text. */
  private Map<String, String> disagreementsFile() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/agreement/disagreements.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" \\| ", 2);
        assertEquals(2, parts.length, () -> "expected 'variant glob | reason': " + line);
        assertTrue(!parts[1].isBlank(), () -> "expected a reason: " + line);
        out.put(parts[0].strip(), parts[1].strip());
      }
    }
    return out;
  }

  private static Pattern glob(String glob) {
    List<String> parts = new ArrayList<>();
    for (String part : glob.split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join(".*", parts));
  }

}

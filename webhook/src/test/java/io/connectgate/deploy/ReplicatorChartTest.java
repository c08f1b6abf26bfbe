package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The ported replicator-cc chart: a labelled connector ConfigMap with no credential in it. */
class ReplicatorChartTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String CREDS = "/mnt/secrets/replicator/creds.properties";
  /** Settings this chart may write: all documented Replicator / Connect settings. */
  private static final Set<String> REPLICATOR_KEYS = Set.of("connector.class", "tasks.max",
      "topic.whitelist", "topic.rename.format", "key.converter", "value.converter",
      "src.kafka.bootstrap.servers", "src.kafka.security.protocol", "src.kafka.sasl.mechanism",
      "src.kafka.sasl.jaas.config", "dest.kafka.bootstrap.servers", "dest.kafka.security.protocol",
      "dest.kafka.sasl.mechanism", "dest.kafka.sasl.jaas.config", "confluent.topic.replication.factor",
      "topic.config.sync", "topic.regex");
  /** A JAAS option whose value is a literal, not a ${provider:...} reference. */
  private static final Pattern LITERAL_PASSWORD = Pattern.compile("password\\s*=\\s*(\"(?!\\$\\{)|'(?!\\$\\{)|(?![\"'$]))");

  static Stream<Arguments> modes() {
    return ChartMode.all(Charts.replicatorChart());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void lintsStrictly(ChartMode mode) {
    mode.assertLintsStrictly();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void connectorConfigMapIsLabelledAndWellFormed(ChartMode mode) throws IOException {
    String rendered = mode.render();
    writeForCli(mode, rendered);
    List<HasMetadata> objects = Charts.parse(rendered);
    objects.forEach(o -> assertEquals(List.of(), UnknownFields.in(o), "unknown fields in " + o.getKind()));
    ConfigMap configMap = Charts.single(objects, ConfigMap.class);
    String where = mode.name() + ": ";
    assertEquals(Charts.RELEASE + "-replicator-connector", configMap.getMetadata().getName(),
        where + "ConfigMap name from the release");
    assertEquals("true", configMap.getMetadata().getLabels().get("connectgate.io/connector"), where + "connector label");
    assertEquals(mode.flag("connectgate.deploy") ? "true" : null,
        configMap.getMetadata().getLabels().get("connectgate.io/deploy"),
        where + "deploy label (the controller selects on it) follows connectgate.deploy");
    assertEquals(null, annotations(configMap).get("connectgate.io/deploy"), where + "no deploy annotation (it deploys nothing)");
    assertEquals(mode.string("connectgate.connectUrl").isEmpty() ? null : mode.string("connectgate.connectUrl"),
        annotations(configMap).get("connectgate.io/connect-url"), where + "connect-url annotation");
    assertEquals(Set.of("replicator-connector.json"), configMap.getData().keySet(), where + "one data key");

    JsonNode document = JSON.readTree(configMap.getData().get("replicator-connector.json"));
    assertEquals(Set.of("name", "config"), Set.copyOf(document.propertyNames()), where + "{name, config} shape");
    assertEquals("replicator", document.get("name").asString(), where + "connector name");
    JsonNode config = document.get("config");
    for (String key : config.propertyNames()) {
      assertTrue(REPLICATOR_KEYS.contains(key), where + "not a Replicator setting: " + key);
      assertTrue(config.get(key).isString(), where + key + " must be a string value");
    }
    assertEquals("io.confluent.connect.replicator.ReplicatorSourceConnector", text(config, "connector.class"), where);
    assertEquals("io.confluent.connect.replicator.util.ByteArrayConverter", text(config, "key.converter"), where);
    assertEquals("io.confluent.connect.replicator.util.ByteArrayConverter", text(config, "value.converter"), where);
    assertEquals("kafka:9071", text(config, "src.kafka.bootstrap.servers"), where + "source is the operator's Kafka");
    assertEquals(mode.string("replicator.dependencies.kafka.bootstrapEndpoint"), text(config, "dest.kafka.bootstrap.servers"), where);
    if (mode.list("replicator.topic.whitelist").isEmpty()) {
      assertFalse(config.has("topic.whitelist"), where + "no empty topic.whitelist");
      assertTrue(config.has("topic.regex"), where + "topics selected through extraConfig");
    } else {
      assertEquals(String.join(",", mode.list("replicator.topic.whitelist")), text(config, "topic.whitelist"),
          where + "topic.whitelist joined with commas");
    }
    assertEquals("${topic}.replica", text(config, "topic.rename.format"), where);
    assertEquals(mode.string("replicator.tasksMax"), text(config, "tasks.max"), where + "tasks.max");

    boolean sasl = mode.string("tls.authentication.type").equals("plain");
    String prefix = sasl ? "SASL_" : "";
    assertEquals(prefix + (mode.flag("tls.internal") ? "SSL" : "PLAINTEXT"), text(config, "src.kafka.security.protocol"),
        where + "source protocol from tls.internal and tls.authentication.type");
    assertEquals(prefix + (mode.flag("tls.enabled") ? "SSL" : "PLAINTEXT"), text(config, "dest.kafka.security.protocol"),
        where + "destination protocol from tls.enabled and tls.authentication.type");
    for (String side : List.of("src", "dest")) {
      if (sasl) {
        assertEquals("PLAIN", text(config, side + ".kafka.sasl.mechanism"), where);
        String jaas = text(config, side + ".kafka.sasl.jaas.config");
        assertTrue(jaas.startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required "), where + jaas);
        assertTrue(jaas.endsWith(";"), where + "JAAS entry ends with ';': " + jaas);
        assertTrue(jaas.contains("password=\"${file:" + CREDS + ":" + side + ".password}\""),
            where + "password is a file config-provider reference: " + jaas);
        assertFalse(LITERAL_PASSWORD.matcher(jaas).find(), where + "no literal password: " + jaas);
      } else {
        assertFalse(config.has(side + ".kafka.sasl.jaas.config"), where + "no JAAS without SASL");
      }
    }
  }

  @Test
  void credentialValuesLandOnlyInTheSecret() {
    Path tlsEverywhere = Charts.replicatorChart().resolve("ci/tls-everywhere-values.yaml");
    List<HasMetadata> objects = Charts.parse(
        Charts.templateWithHooks(Charts.replicatorChart(), tlsEverywhere, Map.of("legacyDeployJob.enabled", true)));
    KubernetesSerialization serialization = new KubernetesSerialization();
    int secrets = 0;
    for (HasMetadata object : objects) {
      String yaml = serialization.asYaml(object);
      if (object instanceof Secret secret) {
        secrets++;
        String creds = secret.getStringData().get("creds.properties");
        assertTrue(creds.contains("src.password=ci-source-secret-value")
            && creds.contains("dest.password=ci-destination-secret-value"), "the Secret holds both passwords");
      } else {
        assertFalse(yaml.contains("ci-source-secret-value") || yaml.contains("ci-destination-secret-value"),
            object.getKind() + "/" + object.getMetadata().getName() + " must not contain a password value");
      }
    }
    assertEquals(1, secrets, "one credentials Secret");
  }

  @Test
  void existingSecretMeansNoChartSecret() {
    Path values = Charts.replicatorChart().resolve("ci/plaintext-internal-values.yaml");
    List<HasMetadata> objects = Charts.parse(Charts.template(Charts.replicatorChart(), values));
    assertEquals(List.of(), Charts.ofType(objects, Secret.class), "credentials.existingSecret: no Secret rendered");
  }

  @Test
  void legacyJobPutsTheConfigIdempotently() throws IOException {
    Path values = Charts.replicatorChart().resolve("ci/legacy-job-values.yaml");
    List<HasMetadata> objects = Charts.parse(Charts.templateWithHooks(Charts.replicatorChart(), values, Map.of()));
    Job job = Charts.single(objects, Job.class);
    assertEquals("post-install,post-upgrade", job.getMetadata().getAnnotations().get(Charts.UNHOOKED),
        "runs after install and upgrade");
    assertEquals(1, job.getSpec().getBackoffLimit(), "backoffLimit 1");
    assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished(),
        "ttlSecondsAfterFinished 3600: the logs stay readable for an hour");
    assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy(), "restartPolicy Never");
    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    String script = String.join(" ", container.getArgs());
    assertTrue(script.contains("curl -fsS"), "curl -f fails on HTTP errors: " + script);
    assertTrue(script.contains("-X PUT"), "PUT, not POST: " + script);
    assertTrue(script.contains("\"http://replicator:8083/connectors/replicator/config\""), "PUT URL: " + script);
    String flat = container.getEnv().stream().filter(e -> e.getName().equals("CONNECTOR_CONFIG")).findFirst()
        .orElseThrow(() -> new AssertionError("CONNECTOR_CONFIG env missing")).getValue();
    ConfigMap configMap = Charts.single(objects, ConfigMap.class);
    assertEquals(JSON.readTree(configMap.getData().get("replicator-connector.json")).get("config"), JSON.readTree(flat),
        "the Job PUTs exactly the ConfigMap's config");
    assertEquals(null, configMap.getMetadata().getLabels().get("connectgate.io/deploy"),
        "no double deploy with the legacy Job");
    assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), "read-only root");
    assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), "drop ALL");
  }

  @Test
  void legacyJobIsOffByDefault() {
    List<HasMetadata> objects = Charts.parse(Charts.templateWithHooks(Charts.replicatorChart(), null, Map.of()));
    assertEquals(List.of(), Charts.ofType(objects, Job.class), "no curl Job unless legacyDeployJob.enabled");
  }

  @Test
  void rejectsAConnectorNameThatIsNotAPathSegment() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.template(Charts.replicatorChart(), null, Map.of("replicator.name", "a/b")));
    assertTrue(e.getMessage().contains("replicator.name"), "message names the value: " + e.getMessage());
  }

  private static Map<String, String> annotations(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private static String text(JsonNode config, String key) {
    JsonNode value = config.get(key);
    assertNotNull(value, "config should set " + key);
    return value.asString();
  }

  /** Leaves each rendering in target/rendered/ for `connectgate validate` (CLI checks). */
  private static void writeForCli(ChartMode mode, String rendered) throws IOException {
    Path dir = Path.of("target", "rendered");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("replicator-cc-" + mode.name().replace(".yaml", "") + ".yaml"), rendered);
  }
}

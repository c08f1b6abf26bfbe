package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.mutation.Mutator;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.TestCatalogs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The webhook reviews connector resources with the same engine and policy as ConfigMaps:
 * a bad Strimzi KafkaConnector ({@code v1beta2} and {@code v1}) or CFK Connector is denied with
 * {@code /spec/config/PROP} in the message; a good one is allowed; /mutate never patches them;
 * other kinds and versions stay untouched.
 */
class ConnectorResourceAdmissionTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String MM2 = "org.apache.kafka.connect.mirror.MirrorSourceConnector";
  private final AdmissionHandler handler = new AdmissionHandler(
      new EngineReviewer(new PolicyInspector(new ConnectorEngine(TestCatalogs.repository()),
          Policy::builtIn), new Mutator(TestCatalogs.repository())),
      new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS)));

  private static JsonNode strimzi(String version, String lagMax) {
    return YAML.readTree("""
        apiVersion: kafka.strimzi.io/%s
        kind: KafkaConnector
        metadata: {name: mm2, namespace: kafka, labels: {strimzi.io/cluster: c}}
        spec:
          class: %s
          tasksMax: 1
          config:
            source.cluster.alias: east
            source.cluster.bootstrap.servers: east:9092
            target.cluster.bootstrap.servers: west:9092
            offset.lag.max: %s
        """.formatted(version, MM2, lagMax));
  }

  private Outcome review(String group, String version, String kind, JsonNode object, Endpoint endpoint) {
    return handler.handle(new AdmissionRequest("admission.k8s.io/v1", "uid-1",
        new GroupVersionKind(group, version, kind), "CREATE", "kafka", "mm2", object, false), endpoint);
  }

  @Test
  void badStrimziConnectorIsDeniedAtItsSpecPointer() {
    for (String version : new String[] {"v1beta2", "v1"}) {
      Outcome o = review("kafka.strimzi.io", version, "KafkaConnector", strimzi(version, "lots"),
          Endpoint.VALIDATE);
      Decision.Denied denied = assertInstanceOf(Decision.Denied.class, o.decision(), version + ": denied");
      assertEquals(403, denied.code(), version + ": a schema violation is a 403");
      assertTrue(denied.message().contains("/spec/config/offset.lag.max: must be an integer"),
          () -> version + ": located in the resource: " + denied.message());
      assertTrue(o.inspected(), "inspected");
    }
  }

  @Test
  void goodStrimziConnectorIsAllowedAndNeverPatched() {
    Outcome validate = review("kafka.strimzi.io", "v1beta2", "KafkaConnector",
        strimzi("v1beta2", "'${secrets:kafka/s:lag}'"), Endpoint.VALIDATE);
    assertInstanceOf(Decision.Allowed.class, validate.decision(), () -> "allowed: " + validate);
    Outcome mutate = review("kafka.strimzi.io", "v1beta2", "KafkaConnector",
        strimzi("v1beta2", "5"), Endpoint.MUTATE);
    Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, mutate.decision(), "mutate allows");
    assertNull(allowed.patch(), "no patch for a connector resource");
  }

  @Test
  void forbiddenKeysAndConfluentConnectors() {
    JsonNode strimzi = YAML.readTree("""
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaConnector
        metadata: {name: mm2}
        spec:
          class: %s
          config: {tasks.max: 2, source.cluster.bootstrap.servers: a:1, target.cluster.bootstrap.servers: b:1}
        """.formatted(MM2));
    Outcome o = review("kafka.strimzi.io", "v1beta2", "KafkaConnector", strimzi, Endpoint.VALIDATE);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, o.decision(), "denied");
    assertTrue(denied.message().contains("/spec/config/tasks.max: not allowed in spec.config"),
        () -> "Strimzi forbids tasks.max in spec.config: " + denied.message());

    JsonNode cfk = YAML.readTree("""
        apiVersion: platform.confluent.io/v1beta1
        kind: Connector
        metadata: {name: cfk}
        spec:
          class: %s
          taskMax: 0
          configs: {source.cluster.bootstrap.servers: "a:1", target.cluster.bootstrap.servers: "b:1"}
        """.formatted(MM2));
    Outcome c = review("platform.confluent.io", "v1beta1", "Connector", cfk, Endpoint.VALIDATE);
    Decision.Denied cfkDenied = assertInstanceOf(Decision.Denied.class, c.decision(), "denied");
    assertTrue(cfkDenied.message().contains("/spec/taskMax: must be at least 1"),
        () -> "tasks.max comes from spec.taskMax: " + cfkDenied.message());
  }

  @Test
  void aMirrorMakerOfTooManyConnectorsIsDeniedAsTheResourceItIs() {
    StringBuilder mirrors = new StringBuilder();
    for (int i = 0; i < 33; i++) { // 66 connectors: past the 64 documents a ConfigMap may hold
      mirrors.append("    - {source: {alias: s").append(i).append(", bootstrapServers: \"s:9092\"},"
          + " sourceConnector: {}, checkpointConnector: {}}\n");
    }
    JsonNode mm2 = YAML.readTree("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaMirrorMaker2
        metadata: {name: mm2}
        spec:
          target: {alias: t, bootstrapServers: "t:9092"}
          mirrors:
        """ + mirrors);
    Outcome o = review("kafka.strimzi.io", "v1", "KafkaMirrorMaker2", mm2, Endpoint.VALIDATE);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, o.decision(), "denied");
    assertTrue(denied.message().contains("the KafkaMirrorMaker2 makes 66 connector documents; at most 64 are"
        + " allowed (limit: connector documents per resource)"), denied::message);
  }

  @Test
  void otherKindsAndVersionsAreUntouched() {
    JsonNode object = strimzi("v1alpha1", "lots");
    Outcome o = review("kafka.strimzi.io", "v1alpha1", "KafkaConnector", object, Endpoint.VALIDATE);
    assertFalse(o.inspected(), "an unknown version is not inspected");
    Outcome k = review("kafka.strimzi.io", "v1beta2", "KafkaConnect", object, Endpoint.VALIDATE);
    assertFalse(k.inspected(), "another Strimzi kind is not inspected");
    Outcome m = review("kafka.strimzi.io", "v1alpha1", "KafkaMirrorMaker2", object, Endpoint.VALIDATE);
    assertFalse(m.inspected(), "KafkaMirrorMaker2 v1alpha1 (long gone) is not inspected");
    Outcome mm2 = review("kafka.strimzi.io", "v1", "KafkaMirrorMaker2", object, Endpoint.VALIDATE);
    assertTrue(mm2.inspected(), "KafkaMirrorMaker2 v1 is");
  }
}

package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A KafkaMirrorMaker2 read as the connectors Strimzi's operator sends to Kafka Connect
 * ({@link MirrorMaker2Resources}): published manifests (src/test/resources/mirrormaker2/published,
 * each naming its repository, commit and path) in both layouts and versions, with the exact
 * config, name and derived-setting fields the operator's code gives them; and the resource
 * shapes the operator refuses or changes.
 */
class MirrorMaker2ResourcesTest {

  static final Path PUBLISHED = Path.of("src/test/resources/mirrormaker2/published");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final ConnectorResourceKind MM2 = ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2;

  static ConnectorResource read(String yaml) {
    JsonNode tree = YAML.readTree(yaml);
    assertEquals(MM2, ConnectorResources.kindOf(tree), "recognised as a KafkaMirrorMaker2");
    return ConnectorResources.read(tree, MM2, null);
  }

  static ConnectorResource published(String file) throws IOException {
    return read(Files.readString(PUBLISHED.resolve(file)));
  }

  /** A v1 KafkaMirrorMaker2 with target cluster b and these {@code mirrors} (YAML list items). */
  private static ConnectorResource v1Mirrors(String mirrors) {
    return read("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaMirrorMaker2
        metadata: {name: m, namespace: ns}
        spec:
          target: {alias: b, bootstrapServers: "b:9092", groupId: g, configStorageTopic: c,
                   offsetStorageTopic: o, statusStorageTopic: s}
          mirrors:
        """ + mirrors.indent(4));
  }

  /** A published resource the operator takes as it is. */
  private static ConnectorResource clean(String file) throws IOException {
    ConnectorResource r = published(file);
    assertEquals(List.of(), r.problems(), file);
    return r;
  }

  /** A connector's config, sorted, as "key=value" lines. */
  private static String config(ConnectorResource.Connector c) {
    Map<String, String> sorted = new TreeMap<>();
    c.document().get("config").properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString()));
    StringBuilder sb = new StringBuilder();
    sorted.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  /** Each line ("key=value") is one of the config's. */
  private static void assertHas(String config, String... lines) {
    for (String line : lines) {
      assertTrue(config.contains(line + "\n"), () -> line + " in:\n" + config);
    }
  }

  @Test
  void strimzisV1beta2ExampleIsTwoConnectorsConfiguredAsTheOperatorDoes() throws IOException {
    ConnectorResource r = clean("strimzi-example-v1beta2.yaml");
    assertEquals(List.of("cluster-a->cluster-b.MirrorSourceConnector",
        "cluster-a->cluster-b.MirrorCheckpointConnector"),
        r.connectors().stream().map(ConnectorResource.Connector::name).toList(), "named SOURCE->TARGET.CLASS");
    ConnectorResource.Connector source = r.connectors().get(0);
    assertEquals("""
        connector.class=org.apache.kafka.connect.mirror.MirrorSourceConnector
        groups=.*
        offset-syncs.topic.replication.factor=1
        replication.factor=1
        source.cluster.alias=cluster-a
        source.cluster.bootstrap.servers=cluster-a-kafka-bootstrap:9092
        source.cluster.security.protocol=PLAINTEXT
        sync.topic.acls.enabled=false
        target.cluster.alias=cluster-b
        target.cluster.bootstrap.servers=cluster-b-kafka-bootstrap:9092
        target.cluster.config.storage.replication.factor=-1
        target.cluster.offset.storage.replication.factor=-1
        target.cluster.security.protocol=PLAINTEXT
        target.cluster.status.storage.replication.factor=-1
        tasks.max=1
        topics=.*
        """, config(source));
    assertEquals("/spec/clusters/0/bootstrapServers", source.resourcePointer("/config/source.cluster.bootstrap.servers"));
    assertEquals("/spec/clusters/1/alias", source.resourcePointer("/config/target.cluster.alias"));
    assertEquals("/spec/clusters/0", source.resourcePointer("/config/source.cluster.security.protocol"),
        "PLAINTEXT for want of tls and authentication: the cluster");
    assertEquals("/spec/clusters/1/config/config.storage.replication.factor",
        source.resourcePointer("/config/target.cluster.config.storage.replication.factor"));
    assertEquals("/spec/mirrors/0/topicsPattern", source.resourcePointer("/config/topics"));
    assertEquals("/spec/mirrors/0/sourceConnector/tasksMax", source.resourcePointer("/config/tasks.max"));
    assertEquals("/spec/mirrors/0/sourceConnector", source.resourcePointer("/config/connector.class"));
    assertEquals("/spec/mirrors/0/sourceConnector/config/replication.factor",
        source.resourcePointer("/config/replication.factor"), "the user's own setting");
    assertEquals("/spec/mirrors/0/sourceConnector/config/emit.heartbeats.enabled",
        source.resourcePointer("/config/emit.heartbeats.enabled"), "a missing setting: where it would go");
    assertEquals("/spec/mirrors/0", source.resourcePointer("/name"));
    assertEquals("/spec/mirrors/0/checkpointConnector", r.connectors().get(1).section());
    assertEquals(List.of("/spec/clusters/1/config"), r.workerSettingMaps(), "the connectCluster's config");
  }

  @Test
  void tlsTrustAndTlsClientAuthenticationInV1beta2AreTheOperatorsPkcs12Stores() throws IOException {
    ConnectorResource.Connector checkpoint = clean("strimzi-tls-auth-v1beta2.yaml").connectors().get(1);
    assertHas(config(checkpoint),
        "source.cluster.security.protocol=SSL",
        "source.cluster.ssl.truststore.type=PKCS12",
        "source.cluster.ssl.truststore.location=/tmp/kafka/clusters/cluster-a.truststore.p12",
        "source.cluster.ssl.truststore.password=${strimzienv:MIRRORMAKER_2_CERTS_STORE_PASSWORD}",
        "source.cluster.ssl.keystore.type=PKCS12",
        "source.cluster.ssl.keystore.location=/tmp/kafka/clusters/cluster-a.keystore.p12",
        "source.cluster.ssl.keystore.password=${strimzienv:MIRRORMAKER_2_CERTS_STORE_PASSWORD}",
        "target.cluster.ssl.keystore.location=/tmp/kafka/clusters/cluster-b.keystore.p12",
        "sync.group.offsets.enabled=true",
        "connector.class=org.apache.kafka.connect.mirror.MirrorCheckpointConnector");
    assertEquals("/spec/clusters/0/tls", checkpoint.resourcePointer("/config/source.cluster.security.protocol"));
    assertEquals("/spec/clusters/0/tls/trustedCertificates",
        checkpoint.resourcePointer("/config/source.cluster.ssl.truststore.location"));
    assertEquals("/spec/clusters/1/authentication",
        checkpoint.resourcePointer("/config/target.cluster.ssl.keystore.password"));
  }

  @Test
  void scramInV1IsSaslSslWithTheSecretsReferencedNeverCopied() throws IOException {
    ConnectorResource r = clean("strimzi-scram-v1.yaml");
    ConnectorResource.Connector source = r.connectors().get(0);
    String config = config(source);
    assertHas(config,
        "target.cluster.security.protocol=SASL_SSL",
        "target.cluster.sasl.mechanism=SCRAM-SHA-512",
        "target.cluster.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
            + " required username=\"cluster-b-user\" password=\"${strimzisecrets:kafka/cluster-b-user:password}\";",
        "target.cluster.ssl.truststore.type=PEM",
        "target.cluster.ssl.truststore.certificates="
            + "${strimzisecrets:kafka/my-mirror-maker-2-connect-tls-trusted-certs:cluster-b-ca.crt}",
        "source.cluster.bootstrap.servers=cluster-a-kafka-bootstrap:9093",
        "offset.lag.max=100");
    assertTrue(!config.contains("group.id") && !config.contains("storage.topic"),
        () -> "groupId and the storage topics are the worker's: " + config);
    assertEquals("/spec/target/authentication", source.resourcePointer("/config/target.cluster.security.protocol"));
    assertEquals("/spec/mirrors/0/source/bootstrapServers",
        source.resourcePointer("/config/source.cluster.bootstrap.servers"));
    assertEquals(List.of("/spec/target/config"), r.workerSettingMaps());
  }

  @Test
  void v1beta2HeartbeatConnectorsAreRead() throws IOException {
    ConnectorResource r = published("rmarting-migration-v1beta2.yaml");
    assertEquals(List.of("my-source-cluster->my-target-cluster.MirrorSourceConnector",
        "my-source-cluster->my-target-cluster.MirrorCheckpointConnector",
        "my-source-cluster->my-target-cluster.MirrorHeartbeatConnector"),
        r.connectors().stream().map(ConnectorResource.Connector::name).toList());
    String heartbeat = config(r.connectors().get(2));
    assertTrue(heartbeat.contains("heartbeats.topic.replication.factor=3\n")
        && heartbeat.contains("source.cluster.config.storage.replication.factor=-1\n")
        && !heartbeat.contains("tasks.max"), () -> "no tasksMax, no tasks.max: " + heartbeat);
    assertTrue(heartbeat.contains("target.cluster.security.protocol=SASL_PLAINTEXT\n")
        && heartbeat.contains("source.cluster.security.protocol=SSL\n"), heartbeat);
  }

  @Test
  void sectionConfigWinsOverClusterSettingsAndPatternsWinOverIt() {
    ConnectorResource r = v1Mirrors("""
        - source: {alias: a, bootstrapServers: "a:9092", config: {linger.ms: 5}}
          topicsPattern: "t.*"
          topicsExcludePattern: "x.*"
          sourceConnector:
            tasksMax: 2
            version: 4.1.0
            config:
              source.cluster.bootstrap.servers: "override:9092"
              topics: "ignored"
              Tasks.Max: 9
              connector.plugin.version: "1"
        """);
    ConnectorResource.Connector c = r.connectors().get(0);
    String config = config(c);
    assertTrue(config.contains("source.cluster.bootstrap.servers=override:9092\n"), config);
    assertEquals("/spec/mirrors/0/sourceConnector/config/source.cluster.bootstrap.servers",
        c.resourcePointer("/config/source.cluster.bootstrap.servers"), "the user's value: its place");
    assertTrue(config.contains("topics=t.*\n") && config.contains("topics.exclude=x.*\n"), config);
    assertEquals("/spec/mirrors/0/topicsPattern", c.resourcePointer("/config/topics"));
    assertTrue(config.contains("tasks.max=2\n") && config.contains("connector.plugin.version=4.1.0\n")
        && !config.contains("Tasks.Max"), config);
    assertTrue(config.contains("source.cluster.linger.ms=5\n"), config);
    assertEquals("/spec/mirrors/0/source/config/linger.ms", c.resourcePointer("/config/source.cluster.linger.ms"));
    assertEquals(List.of(
        new ConnectorResource.Problem("forbidden-key", "/spec/mirrors/0/sourceConnector/config/Tasks.Max",
            "not allowed in spec.mirrors[0].sourceConnector.config of a Strimzi KafkaMirrorMaker2:"
                + " the operator drops it (it matches the key in any case) with only a log warning"
                + " and sends spec.mirrors[0].sourceConnector.tasksMax as tasks.max; set"
                + " spec.mirrors[0].sourceConnector.tasksMax instead"),
        new ConnectorResource.Problem("forbidden-key",
            "/spec/mirrors/0/sourceConnector/config/connector.plugin.version",
            "not allowed in spec.mirrors[0].sourceConnector.config of a Strimzi KafkaMirrorMaker2:"
                + " the operator drops it with only a log warning and sends"
                + " spec.mirrors[0].sourceConnector.version as connector.plugin.version; set"
                + " spec.mirrors[0].sourceConnector.version instead (Strimzi 0.49 still passed it"
                + " on, with a DeprecatedFields warning)")),
        r.problems(), "dropped by the operator (case-insensitively) and replaced, so errors here");
    assertTrue(r.settingMaps().containsAll(List.of("/spec/mirrors/0/sourceConnector/config",
        "/spec/mirrors/0/source/config")), r.settingMaps()::toString);
  }

  @Test
  void forbiddenKeysHoldingWhatTheOperatorSendsAnywayAreNoProblem() {
    // As for a KafkaConnector: the operator drops the key and sends the same value itself.
    ConnectorResource r = v1Mirrors("""
        - source: {alias: a, bootstrapServers: "a:9092"}
          sourceConnector:
            tasksMax: 2
            version: 4.1.0
            config:
              tasks.max: 2
              Connector.Plugin.Version: 4.1.0
              connector.class: org.apache.kafka.connect.mirror.MirrorSourceConnector
              name: a->b.MirrorSourceConnector
          checkpointConnector:
            config:
              tasks.max: 1
              connector.class: org.apache.kafka.connect.mirror.MirrorSourceConnector
              NAME: a->b.MirrorCheckpointConnector
              connector.plugin.version: 4.1.0
        """);
    assertEquals(List.of(
        "/spec/mirrors/0/checkpointConnector/config/tasks.max",
        "/spec/mirrors/0/checkpointConnector/config/connector.class",
        "/spec/mirrors/0/checkpointConnector/config/connector.plugin.version"),
        r.problems().stream().map(ConnectorResource.Problem::pointer).toList(),
        "only the checkpoint's: no tasksMax or version sent, and another class");
    assertTrue(r.problems().get(0).message().endsWith("sends no tasks.max"
        + " (spec.mirrors[0].checkpointConnector.tasksMax is not set), so Kafka Connect runs one"
        + " task; set spec.mirrors[0].checkpointConnector.tasksMax instead"), r.problems()::toString);
    assertTrue(r.problems().get(1).message().endsWith(
        "sends the section's own MirrorMaker 2 connector class"), r.problems()::toString);
    String source = config(r.connectors().get(0));
    assertHas(source, "tasks.max=2", "connector.plugin.version=4.1.0",
        "connector.class=org.apache.kafka.connect.mirror.MirrorSourceConnector");
    assertTrue(!source.contains("Connector.Plugin.Version") && !("\n" + source).contains("\nname="),
        source);
  }

  @Test
  void theOlderLayoutKeepsWorkerKeysFromConnectorsAndTheDeprecatedPatternsApply() {
    ConnectorResource r = read("""
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaMirrorMaker2
        metadata: {name: m}
        spec:
          connectCluster: b
          clusters:
            - {alias: a, bootstrapServers: "a:9092", config: {group.id: not-moved}}
            - {alias: b, bootstrapServers: "b:9092", config: {group.id: g, status.storage.topic: s, acks: all}}
          mirrors:
            - sourceCluster: a
              targetCluster: b
              topicsBlacklistPattern: "old.*"
              groupsBlacklistPattern: "old.*"
              groupsExcludePattern: "new.*"
              checkpointConnector: {}
        """);
    String config = config(r.connectors().get(0));
    assertTrue(config.contains("target.cluster.acks=all\n") && !config.contains("target.cluster.group.id")
        && !config.contains("status.storage.topic"), () -> "worker keys of the connect cluster only: " + config);
    assertTrue(config.contains("source.cluster.group.id=not-moved\n"), config);
    assertTrue(config.contains("topics.exclude=old.*\n") && config.contains("groups.exclude=new.*\n"),
        () -> "the blacklist pattern when no exclude pattern: " + config);
    assertEquals(List.of(), r.problems());
  }

  @Test
  void layoutsTheOperatorRefusesAreProblemsAtTheirFields() {
    ConnectorResource r = read("""
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaMirrorMaker2
        metadata: {name: m}
        spec:
          connectCluster: b
          clusters:
            - {alias: a, bootstrapServers: "a:9092"}
            - {alias: b, bootstrapServers: "b:9092"}
          mirrors:
            - {sourceCluster: nowhere, targetCluster: b, sourceConnector: {}}
            - {sourceCluster: a, targetCluster: a, sourceConnector: {}}
            - {sourceCluster: a, sourceConnector: {config: []}}
        """);
    assertEquals(List.of(
        "/spec/mirrors/0/sourceCluster not-a-connector names no cluster of spec.clusters: nowhere",
        "/spec/mirrors/1/targetCluster not-a-connector must be the alias of the target cluster, b (the"
            + " operator refuses another)",
        "/spec/mirrors/2/sourceCluster not-a-connector the target and source cluster aliases must be"
            + " unique: a is used already (the operator refuses the resource, and its connectors would"
            + " share a name)",
        "/spec/mirrors/2/sourceConnector/config value-type must be a map of connector settings"),
        r.problems().stream().map(p -> p.pointer() + " " + p.rule() + " " + p.message()).toList());
    assertEquals(2, r.connectors().size(), "the mirrors with a source are still read");

    ConnectorResource v1 = read("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaMirrorMaker2
        metadata: {name: m}
        spec:
          connectCluster: b
          clusters: [{alias: b, bootstrapServers: "b:9092"}]
          mirrors:
            - sourceCluster: b
              heartbeatConnector: {}
        """);
    assertEquals(List.of(
        "/spec/target not-a-connector is required in kafka.strimzi.io/v1 (connectCluster and clusters"
            + " are v1beta2 only)",
        "/spec/mirrors/0/source not-a-connector is required: the source cluster",
        "/spec/mirrors/0/heartbeatConnector unknown-key is not a field of kafka.strimzi.io/v1 (v1beta2"
            + " only): the API server drops it and no MirrorHeartbeatConnector is created",
        "/spec/mirrors/0/sourceCluster unknown-key is not a field of kafka.strimzi.io/v1 (v1beta2 only):"
            + " the API server drops it"),
        v1.problems().stream().map(p -> p.pointer() + " " + p.rule() + " " + p.message()).toList());
    assertEquals(List.of(), v1.connectors());

    assertEquals(List.of("/spec/mirrors not-a-connector is required: at least one mirror (source"
        + " cluster and connectors)"), read("""
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaMirrorMaker2
            metadata: {name: m}
            spec: {target: {alias: b, bootstrapServers: "b:9092"}}
            """).problems().stream().map(p -> p.pointer() + " " + p.rule() + " " + p.message()).toList());
  }

  @Test
  void tracingRackMetricsAndCustomAuthenticationAddWhatTheOperatorAdds() {
    ConnectorResource r = read("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaMirrorMaker2
        metadata: {name: m}
        spec:
          tracing: {type: opentelemetry}
          rack: {topologyKey: zone}
          metricsConfig: {type: strimziMetricsReporter}
          target:
            alias: b
            bootstrapServers: "b:9093"
            tls: {}
            authentication:
              type: custom
              sasl: true
              config: {sasl.mechanism: AWS_MSK_IAM, ssl.truststore.type: JKS}
          mirrors:
            - source: {alias: a, bootstrapServers: "a:9092"}
              sourceConnector: {config: {metric.reporters: org.example.Reporter}}
        """);
    ConnectorResource.Connector c = r.connectors().get(0);
    String config = config(c);
    assertHas(config,
        "consumer.interceptor.classes=io.opentelemetry.instrumentation.kafkaclients.v2_6.TracingConsumerInterceptor",
        "producer.interceptor.classes=io.opentelemetry.instrumentation.kafkaclients.v2_6.TracingProducerInterceptor",
        "consumer.client.rack=${strimzifile:/tmp/strimzi-connect.properties:consumer.client.rack}",
        "metric.reporters=org.example.Reporter,io.strimzi.kafka.metrics.prometheus.ClientMetricsReporter",
        "prometheus.metrics.reporter.listener.enable=false",
        "target.cluster.security.protocol=SASL_SSL",
        "target.cluster.sasl.mechanism=AWS_MSK_IAM");
    assertTrue(!config.contains("ssl.truststore.type"), () -> "custom auth keeps ssl.keystore.* and sasl.* only: " + config);
    assertEquals("/spec/target/authentication/config/sasl.mechanism",
        c.resourcePointer("/config/target.cluster.sasl.mechanism"));
    assertEquals("/spec/metricsConfig", c.resourcePointer("/config/metric.reporters"));
    assertEquals("/spec/rack", c.resourcePointer("/config/consumer.client.rack"));
  }
}

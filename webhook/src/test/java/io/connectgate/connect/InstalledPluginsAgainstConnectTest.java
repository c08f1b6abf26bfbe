package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import io.connectgate.policy.InstalledPlugins;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.policy.PolicyLoader;
import io.connectgate.policy.PluginInventory;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Finding;
import io.connectgate.validation.SchemaCatalog;
import io.connectgate.validation.Severity;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Policy rule installedPlugins against a real Kafka Connect worker (EmbeddedConnectCluster on
 * 127.0.0.1, Kafka's own plugins only): the inventory read from its
 * {@code GET /connector-plugins?connectorsOnly=false}, Connect's alias resolution, warning by
 * default and denial by policy, and nothing at all when the list is stale or unreachable.
 */
@Tag("connect")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstalledPluginsAgainstConnectTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(3);
  private static final String HEADER = "apiVersion: connectgate.io/v1\nkind: ConnectorPolicy\n";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ConnectorEngine engine = new ConnectorEngine(SchemaCatalog.builtIn());
  private ConnectWorker worker;
  private EmbeddedConnectCluster connect;
  private ConnectPluginInventory inventory;

  @BeforeAll
  void startConnect() {
    worker = ConnectWorker.start("connectgate-plugins", Map.of());
    connect = worker.cluster();
    inventory = new ConnectPluginInventory(worker.url(),
        ConnectClient.defaultHttpClient(Duration.ofSeconds(10)), Duration.ofSeconds(30),
        MAX_AGE, clock);
    assertTrue(inventory.refresh(), "the worker's plugin list is read");
  }

  @AfterAll
  void stopConnect() {
    if (inventory != null) {
      inventory.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void readsTheWorkersPluginsAndResolvesNamesAsConnectDoes() {
    InstalledPlugins plugins = inventory.installed().orElseThrow();
    Set<String> source = Set.of("source", "sink");
    assertTrue(plugins.has("org.apache.kafka.connect.file.FileStreamSourceConnector", source));
    assertTrue(plugins.has("FileStreamSourceConnector", source), "simple name");
    assertTrue(plugins.has("FileStreamSource", source), "alias without Connector");
    assertTrue(plugins.has(" MirrorSourceConnector ", source), "trimmed as Kafka trims");
    assertTrue(plugins.has("Json", Set.of("converter")), "JsonConverter's alias");
    assertTrue(plugins.has("org.apache.kafka.connect.transforms.Cast$Value",
        Set.of("transformation")), "a nested SMT class by its binary name");
    assertTrue(plugins.has("TopicNameMatches", Set.of("predicate")));
    assertFalse(plugins.has("io.debezium.connector.postgresql.PostgresConnector", source));
    assertFalse(plugins.has("Json", source), "a converter is not a connector");
    assertFalse(plugins.has("Value", Set.of("transformation")),
        "Cast$Value, ReplaceField$Value, ...: an ambiguous alias names nothing, as in Connect");
    assertFalse(plugins.has("Cast$Value", Set.of("transformation")),
        "not an alias in Connect (the simple name of Cast$Value is Value)");
  }

  @Test
  void aClassTheClusterLacksWarnsByDefault() {
    List<Finding> found = installedPluginFindings(Policy.builtIn(), inventory, """
        {"name": "cdc", "config": {
          "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
          "value.converter": "io.confluent.connect.avro.AvroConverter",
          "key.converter": "StringConverter",
          "transforms": "cast, unwrap", "transforms.cast.type": "org.apache.kafka.connect.transforms.Cast$Value",
          "transforms.unwrap.type": "io.debezium.transforms.ExtractNewRecordState",
          "transforms.unlisted.type": "io.example.NotListed",
          "predicates": "p", "predicates.p.type": "TopicNameMatches",
          "header.converter": "${env:HEADER_CONVERTER}"}}""");
    assertEquals(List.of("/config/connector.class", "/config/value.converter",
        "/config/transforms.unwrap.type"), pointers(found), () -> "only the classes the worker"
            + " lacks, listed aliases only, references skipped: " + found);
    assertTrue(found.stream().allMatch(f -> f.severity() == Severity.WARNING), found::toString);
    assertEquals(List.of("installedPlugins: Connect has no such connector",
        "installedPlugins: Connect has no such converter",
        "installedPlugins: Connect has no such transformation"),
        found.stream().map(Finding::message).toList());
  }

  @Test
  void policyCanDenyAndScopeTheRule() throws Exception {
    String text = """
        {"name": "cdc", "config": {"connector.class": "PostgresConnector"}}""";
    Policy deny = new PolicyLoader().parse(HEADER + "rules:\n  installedPlugins: deny\n", "test");
    List<Finding> denied = installedPluginFindings(deny, inventory, text);
    assertEquals(1, denied.size(), denied::toString);
    assertEquals(Severity.ERROR, denied.get(0).severity(), denied::toString);
    Policy elsewhere = new PolicyLoader().parse(HEADER + "rules:\n  installedPlugins:\n    action: deny\n"
        + "    namespaces: [prod-*]\n", "test");
    assertEquals(List.of(), installedPluginFindings(elsewhere, inventory, text),
        "the rule covers prod-* only; the review is in namespace team-a");
  }

  @Test
  void staleOrUnreachableInventoryChecksNothing() throws Exception {
    String text = """
        {"name": "cdc", "config": {"connector.class": "PostgresConnector"}}""";
    Policy deny = new PolicyLoader().parse(HEADER + "rules:\n  installedPlugins: deny\n", "test");
    Instant readAt = clock.instant();
    try {
      clock.set(readAt.plus(MAX_AGE).plusSeconds(1));
      assertTrue(inventory.installed().isEmpty(), "older than maxAge: not used");
      assertEquals(List.of(), installedPluginFindings(deny, inventory, text), "stale: no denial");
    } finally {
      clock.set(readAt);
    }
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ConnectPluginInventory down = new ConnectPluginInventory(
        URI.create("http://127.0.0.1:" + closedPort), ConnectClient.defaultHttpClient(
            Duration.ofSeconds(2)), Duration.ofSeconds(2), MAX_AGE, clock);
    assertFalse(down.refresh(), "nothing listens there");
    assertEquals(List.of(), installedPluginFindings(deny, down, text), "unreachable: no denial");
    assertFalse(installedPluginFindings(deny, inventory, text).isEmpty(),
        "the same review with the fresh list is denied (the checks above can fail)");
  }

  private List<Finding> installedPluginFindings(Policy policy, PluginInventory plugins,
      String text) {
    return new PolicyInspector(engine, () -> policy, plugins)
        .inspectConnectorText(text, Origin.admission("team-a", "cdc")).findings().stream()
        .filter(f -> "installedPlugins".equals(f.rule())).toList();
  }

  private static List<String> pointers(List<Finding> findings) {
    return findings.stream().map(f -> f.location().pointer()).toList();
  }

  /** A clock the test moves; never sleeps. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

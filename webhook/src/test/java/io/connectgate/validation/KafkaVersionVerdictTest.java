package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verdict follows the target Kafka version (--kafka-version), over the repository's
 * schemas: MirrorMaker's {@code *.blacklist} names are deprecated aliases Kafka 3.9 still reads
 * (with the new name set too, Kafka keeps the new one and logs an error: a warning here), and
 * names Kafka 4.0 and later ignore; settings one version has and another lacks follow it too
 * (4.2 and 4.3 add settings and refuse empty list items).
 */
class KafkaVersionVerdictTest {

  private static final Map<String, ConnectorEngine> ENGINES = new ConcurrentHashMap<>();
  private static final String SOURCE = "org.apache.kafka.connect.mirror.MirrorSourceConnector";
  private static final String CHECKPOINT =
      "org.apache.kafka.connect.mirror.MirrorCheckpointConnector";

  private static ConnectorEngine engine(String version) {
    return ENGINES.computeIfAbsent(version,
        v -> new ConnectorEngine(SchemaCatalog.loadOnly(TestCatalogs.schemasDir(), v)));
  }

  private static List<Finding> findings(String version, String connectorClass,
      String extraSettings) {
    String text = "{\"name\": \"mm2\", \"config\": {\"connector.class\": \"" + connectorClass
        + "\", \"source.cluster.alias\": \"east\", \"target.cluster.alias\": \"west\","
        + " \"source.cluster.bootstrap.servers\": \"east:9092\","
        + " \"target.cluster.bootstrap.servers\": \"west:9092\"" + extraSettings + "}}";
    return engine(version).inspectConnectorText(text, Origin.admission("ns", "cm")).findings();
  }

  private static Finding at(List<Finding> findings, String key) {
    List<Finding> at = findings.stream()
        .filter(f -> ("/config/" + key).equals(f.location().pointer())).toList();
    assertEquals(1, at.size(), () -> "expected one finding at " + key + ", got " + describe(findings));
    return at.get(0);
  }

  private static String describe(List<Finding> findings) {
    return findings.stream().map(f -> f.severity() + " " + f.rule() + " "
        + f.location().pointer() + ": " + f.message()).collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"4.0", "4.1"})
  void fromKafka40TheOldNamesAreRemovedAndIgnored(String version) {
    List<Finding> alone = findings(version, SOURCE, ", \"topics.blacklist\": \"a.*\","
        + " \"config.properties.blacklist\": \"segment\\\\.bytes\"");
    for (String key : List.of("topics.blacklist", "config.properties.blacklist")) {
      Finding f = at(alone, key);
      assertEquals(Severity.WARNING, f.severity(), () -> key + ": expected a warning" + describe(alone));
      assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> key + ": expected deprecated-key");
      assertTrue(f.message().contains("removed in Kafka 4.0 and is ignored"),
          () -> key + ": expected removed-and-ignored, got " + f.message());
      assertTrue(f.message().contains("`" + key.replace("blacklist", "exclude") + "`"),
          () -> key + ": expected the replacement named, got " + f.message());
    }
    List<Finding> both = findings(version, SOURCE, ", \"topics.blacklist\": \"a.*\","
        + " \"topics.exclude\": \"b.*\"");
    Finding f = at(both, "topics.blacklist");
    assertEquals(Severity.WARNING, f.severity(), () -> "expected a warning" + describe(both));
    assertTrue(f.message().contains("ignored; `topics.exclude` applies"),
        () -> "expected the new name to apply, got " + f.message());
    assertFalse(both.stream().anyMatch(x -> x.severity() == Severity.ERROR),
        () -> "expected no error" + describe(both));
  }

  @Test
  void inKafka39TheOldNamesAreDeprecatedAliases() {
    List<Finding> alone = findings("3.9", SOURCE, ", \"topics.blacklist\": \"a.*\","
        + " \"config.properties.blacklist\": \"segment\\\\.bytes\"");
    for (String key : List.of("topics.blacklist", "config.properties.blacklist")) {
      Finding f = at(alone, key);
      assertEquals(Severity.WARNING, f.severity(), () -> key + ": expected a warning" + describe(alone));
      assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> key + ": expected deprecated-key");
      assertEquals("is deprecated; use `" + key.replace("blacklist", "exclude") + "` instead",
          f.message(), () -> key + ": expected deprecated (3.9 reads it), not removed");
    }
  }

  @Test
  void inKafka39OldAndNewTogetherWarnAsKafkaKeepsTheNewOne() {
    List<Finding> both = findings("3.9", SOURCE, ", \"topics.blacklist\": \"a.*\","
        + " \"topics.exclude\": \"b.*\"");
    Finding f = at(both, "topics.blacklist");
    assertEquals(Severity.WARNING, f.severity(), () -> "expected a warning, not an error: Kafka"
        + " 3.9's translateDeprecatedConfigs uses topics.exclude and runs" + describe(both));
    assertEquals(Rules.DEPRECATED_KEY_CONFLICT, f.rule(), "expected deprecated-key-conflict");
    assertTrue(f.message().contains("ignored: `topics.exclude` is set too"),
        () -> "expected the deprecated name said to be ignored, got " + f.message());
  }

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"3.9", "4.0", "4.1"})
  void anOldNamesRegexesAreCheckedWhereKafkaReadsThem(String version) {
    // Kafka 3.9 reads topics.blacklist as topics.exclude when that is not set, and compiles its
    // entries; with topics.exclude set too, or from 4.0, it ignores the old name.
    List<Finding> alone = findings(version, SOURCE, ", \"topics.blacklist\": \"ok.*, bad(\"");
    boolean read = "3.9".equals(version);
    assertEquals(read, alone.stream().anyMatch(f -> f.rule().equals(Rules.TOPIC_REGEX)
        && f.severity() == Severity.ERROR && "/config/topics.blacklist".equals(f.location().pointer())
        && f.message().startsWith("entry 2 of the comma-separated list")),
        () -> "Kafka " + version + ": expected the bad entry reported " + (read ? "" : "not ") + describe(alone));
    List<Finding> both = findings(version, SOURCE, ", \"topics.blacklist\": \"bad(\", \"topics.exclude\": \"b.*\"");
    assertTrue(both.stream().noneMatch(f -> f.rule().equals(Rules.TOPIC_REGEX)),
        () -> "expected no regex finding for an ignored old name" + describe(both));
    List<Finding> groups = findings(version, CHECKPOINT, ", \"groups.blacklist\": \"g[\"");
    assertEquals(read, groups.stream().anyMatch(f -> f.rule().equals(Rules.TOPIC_REGEX)
        && "/config/groups.blacklist".equals(f.location().pointer())),
        () -> "Kafka " + version + ": groups.blacklist" + describe(groups));
  }

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"3.9", "4.0", "4.1"})
  void theCheckpointConnectorsOldNamesFollowTheVersionToo(String version) {
    List<Finding> found = findings(version, CHECKPOINT, ", \"groups.blacklist\": \"g.*\","
        + " \"topics.blacklist\": \"t.*\"");
    for (String key : List.of("groups.blacklist", "topics.blacklist")) {
      Finding f = at(found, key);
      assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> key + ": expected deprecated-key" + describe(found));
      assertEquals(!"3.9".equals(version), f.message().contains("removed in Kafka 4.0"),
          () -> key + " on Kafka " + version + ": removed only from 4.0, got " + f.message());
    }
  }

  @Test
  void settingsAddedOrRemovedBetweenVersionsFollowIt() {
    // MirrorSourceConfig: 4.0 added heartbeats.replication.enabled and removed
    // use.incremental.alter.configs (an enum in 3.9).
    List<Finding> on39 = findings("3.9", SOURCE, ", \"use.incremental.alter.configs\": \"bogus\","
        + " \"heartbeats.replication.enabled\": \"false\"");
    assertTrue(on39.stream().anyMatch(f -> f.severity() == Severity.ERROR
        && "/config/use.incremental.alter.configs".equals(f.location().pointer())),
        () -> "expected 3.9's enum checked" + describe(on39));
    assertEquals(Rules.UNKNOWN_KEY, at(on39, "heartbeats.replication.enabled").rule(),
        () -> "expected heartbeats.replication.enabled unknown to 3.9" + describe(on39));
    List<Finding> on41 = findings("4.1", SOURCE, ", \"use.incremental.alter.configs\": \"bogus\","
        + " \"heartbeats.replication.enabled\": \"false\"");
    Finding dropped = at(on41, "use.incremental.alter.configs");
    assertEquals(Severity.WARNING, dropped.severity(), () -> "expected no enum check on 4.1,"
        + " which ignores the setting" + describe(on41));
    assertEquals("was removed in Kafka 4.0 and is ignored", dropped.message(),
        () -> "expected 4.0's removal named" + describe(on41));
    assertTrue(on41.stream().noneMatch(f -> ("/config/heartbeats.replication.enabled")
        .equals(f.location().pointer())), () -> "expected heartbeats.replication.enabled known"
        + " to 4.1" + describe(on41));
  }

  @Test
  void settingsKafka42And43AddedAreUnknownBeforeThem() {
    // MirrorConnectorConfig defines config.providers from 4.2 (the client ConfigDefs do), and
    // MirrorSourceConfig metric.names.formats from 4.3 (a non-empty list of legacy, new).
    String extra = ", \"config.providers\": \"file\", \"metric.names.formats\": \"legacy,new\"";
    List<Finding> on41 = findings("4.1", SOURCE, extra);
    assertEquals(Rules.UNKNOWN_KEY, at(on41, "config.providers").rule(),
        () -> "expected config.providers unknown to 4.1" + describe(on41));
    assertEquals(Rules.UNKNOWN_KEY, at(on41, "metric.names.formats").rule(),
        () -> "expected metric.names.formats unknown to 4.1" + describe(on41));
    List<Finding> on42 = findings("4.2", SOURCE, extra);
    assertTrue(on42.stream().noneMatch(f -> "/config/config.providers"
        .equals(f.location().pointer())), () -> "expected config.providers known to 4.2"
        + describe(on42));
    assertEquals(Rules.UNKNOWN_KEY, at(on42, "metric.names.formats").rule(),
        () -> "expected metric.names.formats unknown to 4.2" + describe(on42));
    List<Finding> on43 = findings("4.3.1", SOURCE, extra);
    // Known to 4.3: only the deprecation warning (Kafka added it deprecated).
    assertTrue(on43.stream().noneMatch(f -> f.location().pointer().startsWith("/config/")
        && !f.rule().equals(Rules.DEPRECATED_KEY)), () -> "expected both known to 4.3"
        + describe(on43));
    for (String bad : List.of("bogus", "legacy,,new", " ")) {
      List<Finding> wrong = findings("4.3", SOURCE, ", \"metric.names.formats\": \"" + bad + "\"");
      assertTrue(wrong.stream().anyMatch(f -> f.severity() == Severity.ERROR
          && "/config/metric.names.formats".equals(f.location().pointer())),
          () -> "expected metric.names.formats=\"" + bad + "\" refused on 4.3" + describe(wrong));
    }
  }

  @Test
  void inKafka39SettingsDroppedWithoutSuccessorWarnThat40RemovesThem() {
    // Documented "Deprecated" in 3.9.1 (MirrorConnectorConfig, MirrorSourceConfig), still read,
    // gone from 4.0 with nothing to use instead.
    List<Finding> on39 = findings("3.9", SOURCE, ", \"auto.include.jmx.reporter\": \"true\","
        + " \"use.incremental.alter.configs\": \"requested\","
        + " \"add.source.alias.to.metrics\": \"true\", \"topics.exclude\": \"t.*\"");
    for (String key : List.of("auto.include.jmx.reporter", "use.incremental.alter.configs",
        "add.source.alias.to.metrics")) {
      Finding f = at(on39, key);
      assertEquals(Severity.WARNING, f.severity(), () -> key + ": expected a warning" + describe(on39));
      assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> key + ": expected deprecated-key");
      assertEquals("is deprecated and has no replacement: Kafka 4.0 removes it", f.message(),
          () -> key + ": expected deprecated without replacement on 3.9" + describe(on39));
    }
    assertTrue(on39.stream().noneMatch(f -> "/config/topics.exclude".equals(f.location().pointer())),
        () -> "expected no warning for a setting that is not deprecated" + describe(on39));
    for (String version : List.of("4.0", "4.1")) {
      List<Finding> later = findings(version, SOURCE, ", \"use.incremental.alter.configs\":"
          + " \"requested\", \"add.source.alias.to.metrics\": \"true\"");
      for (String key : List.of("use.incremental.alter.configs", "add.source.alias.to.metrics")) {
        assertEquals("was removed in Kafka 4.0 and is ignored", at(later, key).message(),
            () -> key + " on Kafka " + version + ": expected removed, not still read"
                + describe(later));
      }
    }
  }

  @Test
  void theClientsAutoIncludeJmxReporterIsDeprecatedIn39AndRemovedFrom40() {
    // KIP-830: ProducerConfig, ConsumerConfig and AdminClientConfig of 3.9.1 say "will be removed
    // in Kafka 4.0"; 4.0 removed it. A MirrorMaker consumer prefix and a connector's producer
    // override carry it; Replicator's src.kafka. (all three clients in one def) too, below.
    String settings = ", \"source.consumer.auto.include.jmx.reporter\": \"false\","
        + " \"producer.override.auto.include.jmx.reporter\": \"false\"";
    List<String> keys = List.of("source.consumer.auto.include.jmx.reporter",
        "producer.override.auto.include.jmx.reporter");
    List<Finding> on39 = findings("3.9", SOURCE, settings);
    for (String key : keys) {
      Finding f = at(on39, key);
      assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> key + ": expected deprecated-key" + describe(on39));
      assertEquals("is deprecated and has no replacement: Kafka 4.0 removes it", f.message(),
          () -> key + " on 3.9" + describe(on39));
    }
    for (String version : List.of("4.0", "4.1", "4.3")) {
      List<Finding> later = findings(version, SOURCE, settings);
      for (String key : keys) {
        Finding f = at(later, key);
        assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> key + " on " + version + ": expected deprecated-key,"
            + " not an unknown key" + describe(later));
        assertEquals("was removed in Kafka 4.0 and is ignored", f.message(),
            () -> key + " on Kafka " + version + describe(later));
      }
    }
    String replicator = "{\"name\": \"r\", \"config\": {\"connector.class\":"
        + " \"io.confluent.connect.replicator.ReplicatorSourceConnector\", \"topic.whitelist\": \"t\","
        + " \"src.kafka.bootstrap.servers\": \"east:9092\", \"src.kafka.auto.include.jmx.reporter\": \"false\"}}";
    for (String version : List.of("3.9", "4.1")) {
      List<Finding> found = engine(version).inspectConnectorText(replicator, Origin.admission("ns", "cm")).findings();
      Finding f = at(found, "src.kafka.auto.include.jmx.reporter");
      assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> "src.kafka. on " + version + describe(found));
      assertTrue(f.message().startsWith(version.equals("3.9") ? "is deprecated and has no replacement"
          : "was removed in Kafka 4.0"), () -> "src.kafka. on " + version + describe(found));
    }
  }

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"4.3", "4.3.1"})
  void inKafka43MetricNamesFormatsIsDeprecatedWithoutReplacement(String version) {
    // Kafka 4.3 added it deprecated ("In Kafka 5.0 ... will be removed"); no release removes it.
    for (String connector : List.of(SOURCE, CHECKPOINT)) {
      List<Finding> found = findings(version, connector,
          ", \"metric.names.formats\": \"legacy,new\"");
      Finding f = at(found, "metric.names.formats");
      assertEquals(Severity.WARNING, f.severity(), () -> connector + ": expected a warning"
          + describe(found));
      assertEquals(Rules.DEPRECATED_KEY, f.rule(), () -> connector + ": expected deprecated-key");
      assertEquals("is deprecated and has no replacement", f.message(),
          () -> connector + ": expected no removal version claimed" + describe(found));
    }
    List<Finding> unset = findings(version, SOURCE, "");
    assertTrue(unset.stream().noneMatch(f -> f.rule().equals(Rules.DEPRECATED_KEY)),
        () -> "expected no deprecation warning when the key is not set" + describe(unset));
  }

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"4.1", "4.2", "4.3"})
  void fromKafka42AListWithAnEmptyItemIsRefused(String version) {
    // KIP-1161: 4.2's ValidList refuses an empty item (two adjacent commas) in MirrorMaker's
    // topics; 4.1 reads it as an empty entry.
    List<Finding> found = findings(version, SOURCE, ", \"topics\": \"orders.*,,payments.*\"");
    boolean refused = !"4.1".equals(version);
    assertEquals(refused, found.stream().anyMatch(f -> f.severity() == Severity.ERROR
        && "/config/topics".equals(f.location().pointer())), () -> "Kafka " + version
        + ": expected an empty topics item " + (refused ? "" : "not ") + "refused"
        + describe(found));
    List<Finding> fine = findings(version, SOURCE, ", \"topics\": \"orders.*, payments.*\"");
    assertTrue(fine.stream().noneMatch(f -> f.severity() == Severity.ERROR),
        () -> "Kafka " + version + ": expected a plain list accepted" + describe(fine));
    // java.util.regex recurses per repetition of a group: the check must not, or a long list
    // would be "too long to be checked".
    String many = String.join(",", java.util.Collections.nCopies(3000, "orders-0001"));
    List<Finding> longList = findings(version, SOURCE, ", \"topics\": \"" + many + "\"");
    assertTrue(longList.stream().noneMatch(f -> f.severity() == Severity.ERROR),
        () -> "Kafka " + version + ": expected 3,000 topics accepted" + describe(longList));
  }

  @Test
  void theDefaultIsThePinnedVersionAndEachCatalogSaysWhichItIs() {
    KafkaVersions versions = KafkaVersions.of(TestCatalogs.schemasDir());
    assertEquals(List.of("3.9", "4.0", "4.1", "4.2", "4.3"), versions.supported(),
        "expected 3.9 to 4.3, oldest first");
    assertTrue(versions.release(versions.pinned()).startsWith(versions.pinned() + "."),
        "expected the pinned line's release");
    SchemaCatalog on39 = SchemaCatalog.loadOnly(TestCatalogs.schemasDir(), "3.9.0");
    assertTrue(on39.source().endsWith("(Kafka 3.9)"), () -> "expected the version in the"
        + " catalog's source, got " + on39.source());
    assertTrue(on39.documents().get(SchemaCatalogLoader.BASE_IRI + "kafka-mirror.schema.json")
        .path("$comment").asString().contains("Apache Kafka 3.9."),
        "expected the 3.9 generated files in place of the pinned ones");
  }
}

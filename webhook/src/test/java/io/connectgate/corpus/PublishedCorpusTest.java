package io.connectgate.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.ConnectorResourceKind;
import io.connectgate.connector.ConnectorResources;
import io.connectgate.connector.ManifestFile;
import io.connectgate.connector.ManifestReader;
import io.connectgate.connector.Origin;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.ConnectorResourceInspector;
import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.ManifestInspector;
import io.connectgate.validation.Severity;
import io.connectgate.validation.TestCatalogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connector configurations published by others (Confluent's example repositories, AWS's and
 * others' MirrorMaker 2 samples, Debezium's and Strimzi's examples, ...), each a
 * {@code <case>.json} (connector JSON) or {@code <case>.yaml} (a manifest as published: a
 * ConfigMap, a Strimzi or Confluent for Kubernetes connector resource) beside a
 * {@code <case>.case.json} naming its source
 * (repository, commit, path), how it was converted, the expected verdict and findings, and an
 * assessment (genuine mistakes, false positives, false negatives). Run through the engine with
 * the built-in policy, as {@code validate} does. docs/corpus.md states the corpus' size and its
 * false-positive and false-negative counts; this test keeps those numbers true.
 */
class PublishedCorpusTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Path DIR = Path.of("src/test/resources/corpus/published");
  private static final Path DOC = Path.of("../docs/corpus.md");
  private static final PolicyInspector ENGINE = new PolicyInspector(
      new ConnectorEngine(TestCatalogs.repository()), Policy::builtIn);
  private static final ManifestInspector INSPECTOR = new ManifestInspector(ENGINE);
  private static final ConnectorResourceInspector RESOURCES = new ConnectorResourceInspector(ENGINE);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".case.json"))
          .map(n -> n.substring(0, n.length() - ".case.json".length())).sorted().toList()
          .stream();
    }
  }

  private static JsonNode meta(String id) throws IOException {
    return JSON.readTree(Files.readString(DIR.resolve(id + ".case.json")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictAndFindingsAreAsExpected(String id) throws IOException {
    JsonNode meta = meta(id);
    JsonNode source = meta.path("source");
    assertTrue(REPO.matcher(source.path("repository").asString("")).matches(),
        () -> id + ": source.repository must be owner/name");
    assertTrue(COMMIT.matcher(source.path("commit").asString("")).matches(),
        () -> id + ": source.commit must be a 40-hex commit");
    assertTrue(!source.path("path").asString("").isBlank(), () -> id + ": source.path missing");

    Path file = dataFile(id);
    ManifestFile manifest = new ManifestReader().read(file.toString(), Files.readString(file));
    List<Finding> findings = new ArrayList<>(INSPECTOR.inspect(manifest, (cm, i) -> { }));
    findings.addAll(resourceFindings(manifest));
    List<String> actual = findings.stream().map(PublishedCorpusTest::key).sorted().toList();
    List<String> expected = new ArrayList<>();
    for (JsonNode f : meta.path("findings")) {
      JsonNode pointer = f.get("pointer");
      expected.add((pointer == null || pointer.isNull() ? "-" : pointer.asString()) + " "
          + f.path("severity").asString() + " " + f.path("rule").asString());
    }
    expected.sort(null);
    assertEquals(expected, actual, () -> id + " (pointer severity rule); messages were:\n  "
        + String.join("\n  ", findings.stream().map(f -> new FindingReport().line(f)).toList()));
    boolean denied = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    assertEquals(meta.path("verdict").asString(), denied ? "denied" : "allowed",
        () -> id + ": the verdict recorded in its .case.json");
  }

  /**
   * The findings on the Strimzi KafkaConnector and Confluent Connector resources of a manifest,
   * judged as {@code validate} judges them (the ConfigMaps are {@link #INSPECTOR}'s).
   */
  private static List<Finding> resourceFindings(ManifestFile manifest) {
    List<Finding> findings = new ArrayList<>();
    if (manifest.format() == ManifestFile.Format.CONNECTOR_JSON) {
      return findings;
    }
    List<JsonNode> documents = manifest.documents();
    for (int index = 0; index < documents.size(); index++) {
      JsonNode object = documents.get(index);
      ConnectorResourceKind kind = ConnectorResources.kindOf(object);
      if (kind != null) {
        findings.addAll(RESOURCES.inspect(ConnectorResources.read(object, kind, null),
            new Origin(manifest.name(), index, null, null)).findings());
      }
    }
    return findings;
  }

  /** The case's published config: {@code <case>.json} or {@code <case>.yaml}, exactly one. */
  private static Path dataFile(String id) {
    Path json = DIR.resolve(id + ".json");
    Path yaml = DIR.resolve(id + ".yaml");
    assertTrue(Files.exists(json) != Files.exists(yaml),
        () -> id + ": expected exactly one of " + json.getFileName() + " and " + yaml.getFileName());
    return Files.exists(json) ? json : yaml;
  }

  @Test
  void theDocsStateTheCorpusSizeAndErrorCounts() throws IOException {
    List<String> ids = cases().toList();
    assertTrue(ids.size() >= 40, () -> "at least 40 published configs, found " + ids.size());
    int falsePositives = 0;
    int falseNegatives = 0;
    int denied = 0;
    for (String id : ids) {
      JsonNode meta = meta(id);
      falsePositives += meta.path("assessment").path("falsePositives").size();
      falseNegatives += meta.path("assessment").path("falseNegatives").size();
      denied += "denied".equals(meta.path("verdict").asString()) ? 1 : 0;
    }
    Matcher m = Pattern.compile("<!-- corpus: (\\d+) configs, (\\d+) denied, (\\d+) false"
        + " positives, (\\d+) false negatives -->").matcher(Files.readString(DOC));
    assertTrue(m.find(), "docs/corpus.md must carry the corpus counts line");
    assertEquals(List.of(ids.size(), denied, falsePositives, falseNegatives),
        List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))),
        "docs/corpus.md: configs, denied, false positives, false negatives");
  }

  private static String key(Finding f) {
    String pointer = f.location().pointer();
    return (pointer == null ? "-" : pointer) + " " + f.severity() + " " + f.rule();
  }
}

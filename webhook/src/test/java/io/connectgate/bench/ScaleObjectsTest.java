package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Origin;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.SchemaCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scale benchmark's 10,000 objects, judged by the same engine and policy as serve and audit. */
class ScaleObjectsTest {

  private static final ScaleObjects.Spec SPEC = new ScaleObjects.Spec(10_000, 500, 50, 23);
  private static final List<ScaleCorpus.Document> CORPUS = ScaleCorpus.load();
  private static final List<ConfigMap> OBJECTS = ScaleObjects.generate(SPEC, CORPUS);
  private static final Inspector INSPECTOR =
      new PolicyInspector(new ConnectorEngine(SchemaCatalog.builtIn()), Policy::builtIn);

  @Test
  void theCorpusIsTheExampleChartAndEveryPublishedDocument() {
    assertEquals("example-chart", CORPUS.get(0).id());
    assertEquals("replicator-connector.json", CORPUS.get(0).dataKey());
    assertTrue(CORPUS.get(0).json().contains("ReplicatorSourceConnector"));
    assertTrue(CORPUS.size() > 50, "published corpus missing: " + CORPUS.size());
    assertTrue(CORPUS.stream().noneMatch(d -> d.id().endsWith(".case")));
  }

  @Test
  void exactlyTheRequestedNumberCarryConnectorsAsTheEngineSeesThem() {
    List<ConfigMap> objects = OBJECTS;
    assertEquals(10_000, objects.size());
    int carrying = 0;
    int labelled = 0;
    int documents = 0;
    int malformed = 0;
    Set<String> ids = new HashSet<>();
    Set<String> namespaces = new HashSet<>();
    long bytes = 0;
    for (ConfigMap cm : objects) {
      var meta = cm.getMetadata();
      assertTrue(ids.add(meta.getNamespace() + "/" + meta.getName()), "duplicate " + meta.getName());
      assertTrue(meta.getName().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && meta.getName().length() <= 253,
          meta.getName());
      namespaces.add(meta.getNamespace());
      Inspection inspection = INSPECTOR.inspect(new ConfigMapView(Origin.admission(meta.getNamespace(),
          meta.getName()), meta.getLabels(), meta.getAnnotations(), cm.getData()));
      if (inspection.carriesConnectors()) {
        carrying++;
        documents += inspection.documents().size();
        malformed += cm.getData().values().stream().filter(v -> !ScaleObjects.isJson(v)).count();
      }
      if (ScaleObjects.CONNECTOR_LABEL.equals(meta.getLabels().keySet().stream()
          .filter(ScaleObjects.CONNECTOR_LABEL::equals).findFirst().orElse(null))) {
        labelled++;
      }
      bytes += cm.getData().values().stream().mapToLong(String::length).sum();
    }
    assertEquals(500, carrying);
    assertTrue(malformed > 0, "the corpus' documents published with placeholders are stored as such");
    assertEquals(500 - malformed, documents, "every well-formed document is a connector");
    assertTrue(labelled >= 400 && labelled <= 400 + malformed,
        "four in five labelled, the rest found by their .json entry: " + labelled);
    assertEquals(ScaleObjects.namespaces(SPEC), namespaces.stream().sorted((a, b) ->
        Integer.compare(Integer.parseInt(a.substring(6)), Integer.parseInt(b.substring(6)))).toList());
    double average = bytes / 10_000.0;
    assertTrue(average > 2_500 && average < 6_000, "average data size " + average);
  }

  @Test
  void everyCorpusDocumentIsUsedAndRenamedAfterItsConfigMap() {
    List<ConfigMap> connectors = OBJECTS.stream()
        .filter(cm -> cm.getMetadata().getLabels().containsKey("app.kubernetes.io/name")
            && "connect".equals(cm.getMetadata().getLabels().get("app.kubernetes.io/name"))).toList();
    assertEquals(500, connectors.size());
    Set<String> sources = new HashSet<>();
    JsonMapper json = JsonMapper.builder().build();
    for (ConfigMap cm : connectors) {
      Map.Entry<String, String> entry = cm.getData().entrySet().iterator().next();
      if (!ScaleObjects.isJson(entry.getValue())) continue;
      JsonNode doc = json.readTree(entry.getValue());
      assertEquals(cm.getMetadata().getName(), doc.path("name").asString());
      sources.add(doc.path("config").path("connector.class").asString() + entry.getKey());
    }
    assertTrue(sources.size() > 5, "expected varied connector classes and keys, got " + sources);
  }

  @Test
  void theSameSeedGivesTheSameObjectsAndAnotherSeedOthers() {
    ScaleObjects.Spec small = new ScaleObjects.Spec(300, 15, 4, 7);
    String once = Serialization.asJson(ScaleObjects.generate(small, CORPUS));
    assertEquals(once, Serialization.asJson(ScaleObjects.generate(small, CORPUS)));
    assertFalse(once.equals(Serialization.asJson(ScaleObjects.generate(new ScaleObjects.Spec(300, 15, 4, 8), CORPUS))));
  }

  @Test
  void renamingFollowsARepeatedConfigNameOnly() {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode both = json.readTree(ScaleObjects.renamed(
        "{\"name\":\"a\",\"config\":{\"name\":\"a\",\"connector.class\":\"X\"}}", "b-1"));
    assertEquals("b-1", both.path("name").asString());
    assertEquals("b-1", both.path("config").path("name").asString());
    JsonNode other = json.readTree(ScaleObjects.renamed(
        "{\"name\":\"a\",\"config\":{\"name\":\"c\",\"connector.class\":\"X\"}}", "b-1"));
    assertEquals("c", other.path("config").path("name").asString());
    assertEquals("[1, 2]", ScaleObjects.renamed("[1, 2]", "b-1"));
  }

  @Test
  void impossibleSpecsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ScaleObjects.Spec(10, 11, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ScaleObjects.Spec(10, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> ScaleObjects.generate(new ScaleObjects.Spec(10, 1, 1, 0),
        List.of()));
  }

  @Test
  void theApplyPhaseUsesOnlyDocumentsServeAdmits() {
    List<ScaleCorpus.Document> admitted = ScaleBenchmark.admittedByBuiltInPolicy(CORPUS);
    assertTrue(admitted.size() >= 10, "too few admitted documents: " + admitted.size());
    assertTrue(admitted.size() < CORPUS.size(), "the corpus has denied documents; the filter kept all");
    assertTrue(admitted.stream().anyMatch(d -> d.id().equals("example-chart")));
  }
}

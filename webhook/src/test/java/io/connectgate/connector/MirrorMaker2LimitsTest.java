package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A KafkaMirrorMaker2 is bounded before anything is built: each of its connector sections copies
 * both clusters' settings, so a resource of many sections or large cluster configs is one
 * {@code limit} problem (a 525 KB resource ran a 256 MiB heap out of memory before).
 */
class MirrorMaker2LimitsTest {

  private static final ConnectorResourceKind MM2 = ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2;

  /** A KafkaMirrorMaker2 of two clusters with {@code settings} settings each and {@code mirrors} mirrors of 3 sections. */
  private static tools.jackson.databind.JsonNode manyMirrors(int mirrors, int settings) {
    var json = tools.jackson.databind.json.JsonMapper.builder().build();
    var mm2 = json.createObjectNode().put("apiVersion", "kafka.strimzi.io/v1beta2").put("kind", "KafkaMirrorMaker2");
    mm2.putObject("metadata").put("name", "mm2");
    var spec = mm2.putObject("spec").put("connectCluster", "target");
    var clusters = spec.putArray("clusters");
    for (String alias : new String[] {"target", "source"}) {
      var config = clusters.addObject().put("alias", alias).put("bootstrapServers", alias + ":9092").putObject("config");
      for (int i = 0; i < settings; i++) config.put("x.k" + i, "v");
    }
    var list = spec.putArray("mirrors");
    for (int i = 0; i < mirrors; i++) {
      var mirror = list.addObject().put("sourceCluster", "source").put("targetCluster", "target");
      for (String section : new String[] {"sourceConnector", "checkpointConnector", "heartbeatConnector"}) {
        mirror.putObject(section).putObject("config");
      }
    }
    return mm2;
  }

  @Test
  void moreSectionsThanAResourceMayMakeAreOneLimitProblemAndNoConnectorIsBuilt() {
    assertEquals(ConnectorResources.MAX_CONNECTORS, io.connectgate.validation.Limits.MAX_DOCUMENTS,
        "expected the resource limit to be the engine's");
    ConnectorResource at = ConnectorResources.read(manyMirrors(21, 10), MM2, null);
    assertEquals(63, at.connectors().size(), "expected 21 mirrors of 3 sections built (63, under the limit)");
    ConnectorResource past = ConnectorResources.read(manyMirrors(22, 10), MM2, null);
    assertEquals(0, past.connectors().size(), "expected nothing built past the limit");
    assertEquals(List.of(new ConnectorResource.Problem("limit", "/spec/mirrors", "the KafkaMirrorMaker2 makes 66"
        + " connector documents; at most 64 are allowed (limit: connector documents per resource)")), past.problems());
    // Each section copied both clusters' 1,000 settings: 3,000 mirrors (525 KB) ran 256 MiB out of memory.
    var hostile = manyMirrors(3_000, 1_000);
    double ratio = io.connectgate.testing.CostRatio.of(() -> ConnectorResources.read(hostile, MM2, null),
        () -> ConnectorResources.read(manyMirrors(1, 1_000), MM2, null));
    assertTrue(ratio < 50, "expected the conversion's cost bounded: " + ratio + " x one mirror's");
  }

  @Test
  void clusterSettingsCopiedIntoEveryConnectorAreBoundedTogether() {
    var wide = (tools.jackson.databind.node.ObjectNode) manyMirrors(21, 1);
    var target = (tools.jackson.databind.node.ObjectNode) wide.path("spec").path("clusters").get(0).path("config");
    target.put("x.k0", "a".repeat(100_000)); // 63 connectors x 100,000: 6.3 M characters
    ConnectorResource past = ConnectorResources.read(wide, MM2, null);
    assertEquals(0, past.connectors().size(), "expected nothing built past the size limit");
    assertEquals(List.of(new ConnectorResource.Problem("limit", "/spec/mirrors", "the KafkaMirrorMaker2's connectors"
        + " would hold more than 4194304 characters of settings (each carries its clusters' settings; limit: size of"
        + " a resource's connectors)")), past.problems().stream().filter(p -> p.rule().equals("limit")).toList());
    target.put("x.k0", "a".repeat(50_000)); // 3.2 M characters: a resource as large as it may be
    assertEquals(63, ConnectorResources.read(wide, MM2, null).connectors().size(), "expected every connector built");
  }
}

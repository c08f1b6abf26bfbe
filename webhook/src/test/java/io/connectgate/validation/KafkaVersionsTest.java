package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Choosing a Kafka version: a line or a release of it; anything else names the supported ones. */
class KafkaVersionsTest {

  private final KafkaVersions versions = KafkaVersions.builtIn();

  @ParameterizedTest
  @CsvSource({"3.9, 3.9", "3.9.0, 3.9", "3.9.1, 3.9", "' 4.0.0 ', 4.0", "4.1, 4.1", "4.1.1, 4.1",
      "4.2, 4.2", "4.2.1, 4.2", "4.3.2, 4.3"})
  void aLineOrAReleaseOfItSelectsTheLine(String requested, String line) {
    assertEquals(line, versions.resolve(requested), () -> requested + " should select " + line);
  }

  @Test
  void noneIsThePinnedVersion() {
    assertEquals(versions.pinned(), versions.resolve(null), "expected null to mean pinned");
    assertEquals(versions.pinned(), versions.resolve(" "), "expected blank to mean pinned");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.8", "2.8.2", "4.4", "5.0", "latest", "4", "4.1.1.1", "4.x", "-4.1",
      "99999999999.1", "4.1.", ".4.1"})
  void anUnsupportedVersionNamesTheSupportedOnes(String requested) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> versions.resolve(requested), () -> requested + " should be refused");
    assertTrue(e.getMessage().contains("supported are " + String.join(", ", versions.supported())),
        () -> "expected the supported versions listed, got " + e.getMessage());
    assertTrue(versions.supported().containsAll(List.of("3.9", "4.0", "4.1", "4.2", "4.3")),
        () -> "expected at least 3.9 to 4.3 built in, got " + versions.supported());
  }

  @Test
  void theBuiltInCatalogOfAVersionLoadsOnlyThatVersionsFiles() {
    SchemaCatalog on40 = SchemaCatalog.builtIn("4.0");
    assertTrue(on40.source().contains("Kafka 4.0"), () -> "got " + on40.source());
    assertTrue(on40.documents().get(SchemaCatalogLoader.BASE_IRI + "kafka-clients.schema.json")
        .path("$comment").asString().contains("Apache Kafka 4.0."),
        "expected 4.0's generated clients file");
    SchemaCatalog on43 = SchemaCatalog.builtIn("4.3");
    assertTrue(on43.documents().get(SchemaCatalogLoader.BASE_IRI + "kafka-mirror.schema.json")
        .path("$comment").asString().contains("Apache Kafka 4.3."),
        "expected 4.3's generated MirrorMaker file");
    assertThrows(IllegalArgumentException.class, () -> SchemaCatalog.builtIn("3.8"),
        "expected an unknown version refused");
  }
}

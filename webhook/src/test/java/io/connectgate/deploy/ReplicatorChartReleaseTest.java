package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example chart's per-release names and its required credentials. */
class ReplicatorChartReleaseTest {

  private static final Map<String, Object> CREDENTIALS = Charts.requiredForTests(Charts.replicatorChart());

  private static String configMapName(String release) {
    String rendered = new Helm(Charts.replicatorChart()).template().withName(release).withNamespace("replication")
        .set("credentials.source.username", "u").set("credentials.source.password", "p")
        .set("credentials.destination.username", "u").set("credentials.destination.password", "p").call();
    return Charts.single(Charts.parse(rendered), ConfigMap.class).getMetadata().getName();
  }

  @Test
  void twoReleasesInOneNamespaceGetTwoConfigMaps() {
    assertNotEquals(configMapName("orders"), configMapName("payments"), "names differ per release");
    assertEquals("orders-replicator-connector", configMapName("orders"), "<release>-replicator-connector");
    assertEquals("replicator-connector", configMapName("replicator"),
        "release 'replicator' keeps the original chart's name");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"credentials.source.username", "credentials.source.password",
      "credentials.destination.username", "credentials.destination.password"})
  void eachCredentialIsRequiredWithSasl(String missing) {
    Map<String, Object> sets = new java.util.LinkedHashMap<>(CREDENTIALS);
    sets.remove(missing);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.templateAsIs(Charts.replicatorChart(), null, sets), "rendering without " + missing);
    assertTrue(e.getMessage().contains(missing + " is required")
            && e.getMessage().contains("credentials.existingSecret"),
        "the message names the value and the alternatives: " + e.getMessage());
  }

  @Test
  void noCredentialsNeededWithAnExistingSecretOrWithoutSasl() {
    for (Map<String, Object> sets : List.<Map<String, Object>>of(Map.of("credentials.existingSecret", "creds"),
        Map.of("tls.authentication.type", ""))) {
      String rendered = Charts.templateAsIs(Charts.replicatorChart(), null, sets);
      assertTrue(rendered.contains("kind: ConfigMap"), "renders with " + sets);
    }
  }
}

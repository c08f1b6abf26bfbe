package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart's {@code kafkaVersion} reaches the webhook and the audit as {@code --kafka-version}. */
class KafkaVersionChartTest {

  private static List<String> webhookArgs(List<HasMetadata> objects) {
    return Charts.single(objects, Deployment.class).getSpec().getTemplate().getSpec()
        .getContainers().get(0).getArgs();
  }

  private static List<String> auditArgs(List<HasMetadata> objects) {
    return Charts.single(objects, CronJob.class).getSpec().getJobTemplate().getSpec()
        .getTemplate().getSpec().getContainers().get(0).getArgs();
  }

  @ParameterizedTest(name = "kafkaVersion={0}")
  @ValueSource(strings = {"3.9", "4.3", "4.2.0"})
  void aChosenVersionIsPassedToTheWebhookAndTheAudit(String version) {
    List<HasMetadata> objects = Charts.parse(Charts.template(Charts.connectgateChart(), null,
        Map.of("kafkaVersion", version, "audit.enabled", true)));
    assertTrue(webhookArgs(objects).contains("--kafka-version=" + version),
        () -> "expected --kafka-version=" + version + " in the webhook's args: "
            + webhookArgs(objects));
    assertTrue(auditArgs(objects).contains("--kafka-version=" + version),
        () -> "expected --kafka-version=" + version + " in the audit's args: "
            + auditArgs(objects));
  }

  @Test
  void byDefaultThePinnedVersionAppliesAndNoFlagIsRendered() {
    List<HasMetadata> objects = Charts.parse(Charts.template(Charts.connectgateChart(), null,
        Map.of("audit.enabled", true)));
    assertFalse(webhookArgs(objects).stream().anyMatch(a -> a.startsWith("--kafka-version")),
        () -> "expected no --kafka-version by default: " + webhookArgs(objects));
    assertFalse(auditArgs(objects).stream().anyMatch(a -> a.startsWith("--kafka-version")),
        () -> "expected no --kafka-version by default: " + auditArgs(objects));
  }

  @Test
  void aValueThatIsNoVersionFailsTheValuesSchema() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.template(Charts.connectgateChart(), null, Map.of("kafkaVersion", "latest")),
        "expected values.schema.json to refuse kafkaVersion=latest");
    assertTrue(e.getMessage().contains("kafkaVersion"), () -> "expected the value named: "
        + e.getMessage());
  }
}

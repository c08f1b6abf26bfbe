package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.connectgate.connector.Origin;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Limits;
import io.connectgate.validation.SchemaCatalog;
import io.connectgate.validation.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy's findings of one connector are capped as the engine's are: a tenant's document
 * cannot make one answer list thousands of findings, and an error past the limit still denies.
 */
class PolicyFindingsLimitTest {

  @Test
  void policyFindingsPastTheLimitAreCountedWithTheirWorstSeverity() throws Exception {
    Policy policy = new PolicyLoader().parse("""
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        rules:
          allowedBootstrapServers: {action: deny, patterns: ["*.kafka.example.com:9093"]}
        """, "test");
    StringBuilder config = new StringBuilder("{\"name\":\"r\",\"config\":{\"connector.class\":"
        + "\"org.apache.kafka.connect.file.FileStreamSourceConnector\",\"topic\":\"t\"");
    for (int i = 0; i < 300; i++) {
      config.append(",\"producer.override.x").append(i).append(".bootstrap.servers\":\"kafka:9092\"");
    }
    String text = config.append("}}").toString();
    List<Finding> findings = new PolicyInspector(new ConnectorEngine(SchemaCatalog.builtIn()), () -> policy)
        .inspectConnectorText(text, Origin.admission("team-a", "cm")).findings();
    // 300 settings made 300 findings, each listed.
    assertEquals(Limits.MAX_FINDINGS,
        findings.stream().filter(f -> f.rule().equals(Rules.ALLOWED_BOOTSTRAP_SERVERS)).count(),
        "expected the policy's findings capped");
    List<Finding> counted = findings.stream()
        .filter(f -> f.rule().equals("more-findings") && f.severity() == Severity.ERROR).toList();
    // (The engine caps its own 300 unknown-key warnings the same way, with severity WARNING.)
    assertEquals(1, counted.size(), "expected one error counting the policy's rest: " + counted);
    assertEquals("and 200 more findings not listed (limit: findings per connector, 100)", counted.get(0).message());
  }
}

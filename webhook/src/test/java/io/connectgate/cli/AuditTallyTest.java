package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Location;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** An audit holds a bounded number of findings, and counts every one. */
class AuditTallyTest {

  private static Inspection warnings(int n, String name) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      findings.add(new Finding(Severity.WARNING, "unknown-key",
          new Location(Origin.admission("team-a", name), "c.json", "/config/x" + i), "unknown setting"));
    }
    return new Inspection(true, List.of(), findings);
  }

  @Test
  void findingsPastTheLimitAreCountedNotHeldAndAnErrorAmongThemStillFails() {
    AuditTally tally = new AuditTally(EnumSet.of(AuditedResource.configmaps));
    for (int i = 0; i < 600; i++) {
      tally.inspected(AuditedResource.configmaps, warnings(100, "cm" + i)); // 60,000 warnings
    }
    tally.inspected(AuditedResource.configmaps, new Inspection(true, List.of(), List.of(new Finding(Severity.ERROR,
        "schema", new Location(Origin.admission("team-a", "late"), "c.json", "/config/x"), "wrong"))));
    assertEquals(AuditTally.MAX_LISTED, tally.findings().size(), "expected the listed findings bounded");
    assertTrue(tally.hasErrors(), "expected the error past the limit to fail the audit");
    assertEquals("audited 601 ConfigMaps in all namespaces (0 pages): 0 connectors, 1 errors, 60000 warnings;"
        + " 10001 more findings counted, not listed (at most 50000 are)", tally.line("all namespaces"));
    ObjectNode summary = (ObjectNode) tally.json(new FindingReport(), "all namespaces").get("summary");
    assertEquals(1, summary.get("errors").asInt(), "expected every error counted: " + summary);
    assertEquals(60_000, summary.get("warnings").asInt(), "expected every warning counted: " + summary);
    assertEquals(10_001, summary.get("unlisted").asInt(), summary.toString());
  }
}

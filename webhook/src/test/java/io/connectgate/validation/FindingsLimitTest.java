package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.ConnectorDocuments;
import io.connectgate.connector.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A document lists at most {@link Limits#MAX_FINDINGS} findings; the one that stands for the
 * rest carries their worst severity, so an error past the limit still denies (issue 14 item 3:
 * a review's heap stays a small multiple of its body however many findings it provokes).
 */
class FindingsLimitTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void anErrorPastTheLimitStillDenies() {
    DocumentContext ctx = context();
    for (int i = 0; i < Limits.MAX_FINDINGS + 50; i++) {
      ctx.atPointer(Severity.WARNING, Rules.UNKNOWN_KEY, "/config/x" + i, "unknown");
    }
    ctx.atPointer(Severity.ERROR, Rules.SCHEMA, "/config/late", "wrong");
    List<Finding> findings = ctx.findings();
    assertEquals(Limits.MAX_FINDINGS + 1, findings.size());
    Finding last = findings.get(findings.size() - 1);
    assertEquals(Severity.ERROR, last.severity(), "expected the worst omitted severity kept");
    assertEquals(Rules.MORE_FINDINGS, last.rule());
    assertTrue(last.message().contains("51 more findings not listed"), last.message());
  }

  @Test
  void underTheLimitEveryFindingIsListed() {
    DocumentContext ctx = context();
    for (int i = 0; i < Limits.MAX_FINDINGS; i++) {
      ctx.atPointer(Severity.WARNING, Rules.UNKNOWN_KEY, "/config/x" + i, "unknown");
    }
    List<Finding> findings = ctx.findings();
    assertEquals(Limits.MAX_FINDINGS, findings.size());
    assertTrue(findings.stream().noneMatch(f -> f.rule().equals(Rules.MORE_FINDINGS)));
  }

  private static DocumentContext context() {
    var doc = ConnectorDocuments.recognise("c.json",
        JSON.readTree("{\"name\":\"c\",\"config\":{\"connector.class\":\"x\"}}"), List.of());
    return new DocumentContext(Origin.admission("ns", "cm"), doc, null, RuleSeverities.DEFAULTS);
  }
}

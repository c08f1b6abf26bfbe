package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReviewDecisionsTest {

  final ReviewDecisions decisions = new ReviewDecisions(new DenialMessage(4000));
  final JsonNode patch = JsonMapper.shared().readTree("[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]");

  @ParameterizedTest
  @ValueSource(strings = {"json-syntax", "duplicate-key", "not-a-connector", "value-type"})
  void malformedDocumentRulesAre400(String rule) {
    Review review = new Review(true, List.of(Findings.error("schema", "a", "x"), Findings.error(rule, null, "y")), null);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, decisions.decide(Endpoint.VALIDATE, review));
    assertEquals(400, denied.code(), "expected 400 when " + rule + " is among the errors");
  }

  @ParameterizedTest
  @ValueSource(strings = {"schema", "unknown-key", "jaas", "requireEncryption", "allowedConnectorClasses"})
  void otherErrorsAre403(String rule) {
    Review review = new Review(true, List.of(Findings.error(rule, "a", "x")), null);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, decisions.decide(Endpoint.VALIDATE, review));
    assertEquals(403, denied.code(), "expected 403 for " + rule);
  }

  @Test
  void theEnginesOwnFailureIs500() {
    Review review = new Review(true, List.of(Findings.error("schema", "a", "x"),
        Findings.error(ReviewDecisions.INTERNAL_RULE, null, "internal error while checking the connectors")), null);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, decisions.decide(Endpoint.VALIDATE, review));
    assertEquals(500, denied.code(), "expected 500 when the engine reports its own failure");
  }

  @Test
  void warningsAloneAllow() {
    Review review = new Review(true, List.of(Findings.warning("deprecated-key", "a", "old")), null);
    Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, decisions.decide(Endpoint.VALIDATE, review));
    assertEquals(List.of("data[replicator-connector.json] /config/a: old"), allowed.warnings(), "expected the warning");
  }

  @Test
  void mutateNeverDeniesAndReturnsThePatch() {
    Review review = new Review(true, List.of(Findings.error("requireEncryption", "a", "x")), patch);
    Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, decisions.decide(Endpoint.MUTATE, review));
    assertSame(patch, allowed.patch(), "expected the engine's patch");
    assertEquals(List.of(), allowed.warnings(), "expected warnings left to /validate");
  }

  @Test
  void mutateGivesNoPatchForAMalformedDocument() {
    Review review = new Review(true, List.of(Findings.error("duplicate-key", null, "x")), patch);
    Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, decisions.decide(Endpoint.MUTATE, review));
    assertNull(allowed.patch(), "expected no patch for a malformed document");
  }
}

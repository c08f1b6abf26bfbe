package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Deadline;
import io.connectgate.hostile.HostileReviews;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What admission still decides about deploying: the label's value, the Connect URL, the warnings. */
class DeployLabelTest {

  static final DeployLabel.Settings SETTINGS = new DeployLabel.Settings("http://connect.kafka.svc:8083",
      ConnectUrlAllowList.compile(List.of("http://connect-*.kafka.svc:8083")));

  private final ScriptedReviewer connectors = new ScriptedReviewer()
      .answering(new Review(true, List.of(), null));

  private JsonNode review(DeployLabel deploy, Endpoint endpoint, ScriptedReviewer reviewer, String label,
      String annotation, String connectUrl) {
    ObjectNode cm = HostileReviews.configMap("cm", "tenant", true);
    ObjectNode metadata = (ObjectNode) cm.get("metadata");
    if (label != null) {
      ((ObjectNode) metadata.get("labels")).put(DeployLabel.LABEL, label);
    }
    ObjectNode annotations = metadata.putObject("annotations");
    if (annotation != null) {
      annotations.put(DeployLabel.OLD_ANNOTATION, annotation);
    }
    if (connectUrl != null) {
      annotations.put(DeployLabel.CONNECT_URL_ANNOTATION, connectUrl);
    }
    Admission admission = new Admission(AdmissionJson.newMapper(),
        new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        deploy, new ReviewBudget(8L << 20, 1L << 20));
    Answer answer = admission.review(HostileReviews.review("uid-d", "tenant", cm), endpoint,
        Deadline.after(Duration.ofSeconds(10)));
    return HostileReviews.JSON.readTree(answer.body()).path("response");
  }

  private JsonNode validate(DeployLabel deploy, String label, String annotation, String connectUrl) {
    return review(deploy, Endpoint.VALIDATE, connectors, label, annotation, connectUrl);
  }

  @Test
  void theLabelSaysTheControllerWillDeployToTheDefaultConnect() {
    JsonNode response = validate(DeployLabel.enabled(SETTINGS), "true", null, null);
    assertTrue(response.path("allowed").asBoolean(false), "expected allowed: " + response);
    assertEquals("the deploy controller will deploy these connectors to http://connect.kafka.svc:8083",
        response.path("warnings").path(0).asString(), "expected the controller's warning: " + response);
  }

  @Test
  void aLabelValueOtherThanTrueOrFalseIsDenied() {
    JsonNode response = validate(DeployLabel.enabled(SETTINGS), "yes", null, null);
    assertFalse(response.path("allowed").asBoolean(true), "expected a typo in the label denied: " + response);
    assertEquals(400, response.path("status").path("code").asInt(), "expected 400: " + response);
    assertTrue(response.path("status").path("message").asString().startsWith("metadata.labels[connectgate.io/deploy]:"),
        "expected the label named: " + response);
    JsonNode off = validate(DeployLabel.enabled(SETTINGS), "false", null, null);
    assertTrue(off.path("allowed").asBoolean(false) && off.path("warnings").isMissingNode(),
        "expected \"false\" allowed without a warning: " + off);
  }

  @Test
  void aConnectUrlOutsideTheAllowListIsDeniedAndAnAllowedOneIsUsed() {
    JsonNode denied = validate(DeployLabel.enabled(SETTINGS), "true", null, "http://evil.example.com:8083");
    assertEquals(403, denied.path("status").path("code").asInt(), "expected 403: " + denied);
    assertTrue(denied.path("status").path("message").asString().contains("matches none of the allowed patterns"),
        "expected the allow-list named: " + denied);
    JsonNode allowed = validate(DeployLabel.enabled(SETTINGS), "true", null, "http://connect-eu.kafka.svc:8083/");
    assertTrue(allowed.path("warnings").path(0).asString().endsWith("to http://connect-eu.kafka.svc:8083"),
        "expected the allowed URL in the warning: " + allowed);
  }

  @Test
  void theOldAnnotationOnlyWarns() {
    JsonNode response = validate(DeployLabel.enabled(SETTINGS), null, "true", "http://evil.example.com:8083");
    assertTrue(response.path("allowed").asBoolean(false), "expected allowed: nothing is deployed: " + response);
    assertEquals("the annotation connectgate.io/deploy no longer deploys; use the label connectgate.io/deploy: \"true\"",
        response.path("warnings").path(0).asString(), "expected the migration warning: " + response);
  }

  @Test
  void withoutDeployJobsOrWithoutConnectorsTheWarningSaysNothingIsDeployed() {
    JsonNode off = validate(DeployLabel.disabled(), "true", null, null);
    assertTrue(off.path("warnings").path(0).asString().contains("does not deploy (serve --deploy-jobs is off)"),
        "expected the off warning: " + off);
    JsonNode none = review(DeployLabel.enabled(SETTINGS), Endpoint.VALIDATE,
        new ScriptedReviewer().answering(Review.untouched()), "true", null, null);
    assertTrue(none.path("warnings").path(0).asString().endsWith("no data entry holds a connector: nothing to deploy"),
        "expected the nothing-to-deploy warning: " + none);
  }

  @Test
  void mutateNeverDenies() {
    JsonNode response = review(DeployLabel.enabled(SETTINGS), Endpoint.MUTATE, connectors, "yes", null,
        "http://evil.example.com:8083");
    assertTrue(response.path("allowed").asBoolean(false), "expected /mutate to leave denial to /validate: " + response);
  }
}

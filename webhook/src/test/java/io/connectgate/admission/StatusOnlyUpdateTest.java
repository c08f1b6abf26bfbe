package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.connectgate.deploy.DeployKeys;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Location;
import io.connectgate.validation.Severity;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The deploy controller's status UPDATE is never blocked; any other change is still reviewed. */
class StatusOnlyUpdateTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STORED = """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns","uid":"u1",
       "resourceVersion":"10","labels":{"connectgate.io/deploy":"true"},
       "annotations":{"connectgate.io/connect-url":"http://connect:8083"},
       "managedFields":[{"manager":"kubectl"}]},
       "data":{"c.json":"{\\"name\\":\\"r\\",\\"config\\":{\\"connector.class\\":\\"X\\",\\"tasks.max\\":\\"9\\"}}"}}
      """;

  private final ScriptedReviewer reviewer = new ScriptedReviewer().answering(new Review(true,
      List.of(new Finding(Severity.ERROR, "maxTasks", new Location(null, "c.json", "/config/tasks.max"),
          "policy allows at most 2")), null));
  private final AdmissionHandler handler = new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(4000)));

  private AdmissionRequest update(Consumer<ObjectNode> change) {
    ObjectNode old = (ObjectNode) JSON.readTree(STORED);
    ObjectNode object = old.deepCopy();
    change.accept(object);
    return new AdmissionRequest("admission.k8s.io/v1", "uid-1", new GroupVersionKind("", "v1", "ConfigMap"),
        "UPDATE", "ns", "cm", object, false, old);
  }

  private static ObjectNode meta(ObjectNode o) {
    return (ObjectNode) o.get("metadata");
  }

  @Test
  void theStatusAnnotationIsOneAdmissionKnows() {
    assertEquals(DeployKeys.STATUS_ANNOTATION, LifecycleUpdates.STATUS_ANNOTATION,
        "expected admission to exempt exactly the annotation the controller writes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"VALIDATE", "MUTATE"})
  void aStatusOnlyUpdateIsAllowedUntouchedEvenWhenThePolicyWouldDeny(String endpoint) {
    AdmissionRequest request = update(o -> {
      ((ObjectNode) meta(o).get("annotations")).put(DeployKeys.STATUS_ANNOTATION, "{\"c.json\":{}}");
      meta(o).put("resourceVersion", "11");
      meta(o).putArray("managedFields").addObject().put("manager", "connectgate");
    });
    Outcome outcome = handler.handle(request, Endpoint.valueOf(endpoint));
    Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, outcome.decision(), "expected allowed");
    assertEquals(null, allowed.patch(), "expected no patch");
    assertEquals(0, reviewer.calls(), "expected the status-only update not reviewed");
  }

  @Test
  void aStatusAnnotationOnAConfigMapWithoutAnnotationsIsStillOnlyStatus() {
    ObjectNode old = (ObjectNode) JSON.readTree(STORED);
    meta(old).remove("annotations");
    ObjectNode object = old.deepCopy();
    meta(object).putObject("annotations").put(DeployKeys.STATUS_ANNOTATION, "{}");
    AdmissionRequest request = new AdmissionRequest("admission.k8s.io/v1", "uid-1",
        new GroupVersionKind("", "v1", "ConfigMap"), "UPDATE", "ns", "cm", object, false, old);
    assertInstanceOf(Decision.Allowed.class, handler.handle(request, Endpoint.VALIDATE).decision(), "expected allowed");
    assertEquals(0, reviewer.calls(), "expected no review");
  }

  @Test
  void aDataChangeNextToTheStatusIsReviewed() {
    AdmissionRequest request = update(o -> {
      ((ObjectNode) meta(o).get("annotations")).put(DeployKeys.STATUS_ANNOTATION, "{}");
      ((ObjectNode) o.get("data")).put("c.json", "{}");
    });
    assertInstanceOf(Decision.Denied.class, handler.handle(request, Endpoint.VALIDATE).decision(), "expected review");
  }

  @Test
  void aChangedConnectUrlAnnotationIsReviewed() {
    AdmissionRequest request = update(o ->
        ((ObjectNode) meta(o).get("annotations")).put(DeployKeys.CONNECT_URL_ANNOTATION, "http://evil:8083"));
    assertInstanceOf(Decision.Denied.class, handler.handle(request, Endpoint.VALIDATE).decision(), "expected review");
  }

  @Test
  void aChangedLabelIsReviewed() {
    AdmissionRequest request = update(o -> ((ObjectNode) meta(o).get("labels")).put("team", "b"));
    assertInstanceOf(Decision.Denied.class, handler.handle(request, Endpoint.VALIDATE).decision(), "expected review");
  }

  @Test
  void anUnchangedUpdateWithoutOldObjectIsReviewed() {
    ObjectNode object = (ObjectNode) JSON.readTree(STORED);
    AdmissionRequest request = new AdmissionRequest("admission.k8s.io/v1", "uid-1",
        new GroupVersionKind("", "v1", "ConfigMap"), "UPDATE", "ns", "cm", object, false);
    assertInstanceOf(Decision.Denied.class, handler.handle(request, Endpoint.VALIDATE).decision(),
        "expected no exemption without the stored object to compare with");
  }
}

package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.connectgate.deploy.CleanupKeys;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Location;
import io.connectgate.validation.Severity;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A policy that now refuses a stored ConfigMap never blocks connectgate's finalizer or the
 * deletion of the ConfigMap; every other change is still reviewed (and denied).
 */
class LifecycleUpdatesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STORED = """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns","uid":"u1",
       "resourceVersion":"10","labels":{"connectgate.io/deploy":"true"},
       "finalizers":["example.com/keep"],
       "annotations":{"connectgate.io/connect-url":"http://connect:8083"}},
       "data":{"c.json":"{\\"name\\":\\"r\\",\\"config\\":{\\"connector.class\\":\\"X\\",\\"tasks.max\\":\\"9\\"}}"}}
      """;

  private final ScriptedReviewer reviewer = new ScriptedReviewer().answering(new Review(true,
      List.of(new Finding(Severity.ERROR, "maxTasks", new Location(null, "c.json", "/config/tasks.max"),
          "policy allows at most 2")), null));
  private final AdmissionHandler handler =
      new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(4000)));

  private Outcome update(Consumer<ObjectNode> changeOld, Consumer<ObjectNode> change) {
    ObjectNode old = (ObjectNode) JSON.readTree(STORED);
    changeOld.accept(old);
    ObjectNode object = old.deepCopy();
    change.accept(object);
    return handler.handle(new AdmissionRequest("admission.k8s.io/v1", "uid-1",
        new GroupVersionKind("", "v1", "ConfigMap"), "UPDATE", "ns", "cm", object, false, old),
        Endpoint.VALIDATE);
  }

  private static ObjectNode meta(ObjectNode o) {
    return (ObjectNode) o.get("metadata");
  }

  private static ArrayNode finalizers(ObjectNode o) {
    return (ArrayNode) meta(o).get("finalizers");
  }

  @Test
  void theFinalizerIsTheOneTheControllerWrites() {
    assertEquals(CleanupKeys.FINALIZER, LifecycleUpdates.FINALIZER);
    assertEquals(CleanupKeys.CLEANUP_STATUS_ANNOTATION, LifecycleUpdates.CLEANUP_STATUS_ANNOTATION);
  }

  @Test
  void addingOrRemovingOurFinalizerIsAllowedUnreviewed() {
    Outcome added = update(o -> {}, o -> {
      finalizers(o).add(CleanupKeys.FINALIZER);
      meta(o).put("resourceVersion", "11");
    });
    assertInstanceOf(Decision.Allowed.class, added.decision(), "adding the finalizer");
    Outcome removed = update(o -> finalizers(o).add(CleanupKeys.FINALIZER), o -> {
      finalizers(o).remove(1);
      ((ObjectNode) meta(o).get("annotations")).put(CleanupKeys.CLEANUP_STATUS_ANNOTATION, "{}");
    });
    assertInstanceOf(Decision.Allowed.class, removed.decision(), "removing it with the cleanup status");
    assertEquals(0, reviewer.calls(), "neither was reviewed");
  }

  @Test
  void aConfigMapBeingDeletedCanLoseAnyFinalizerButNotChangeItsData() {
    Outcome outcome = update(o -> meta(o).put("deletionTimestamp", "2026-12-07T11:00:00Z"), o -> {
      finalizers(o).removeAll();
      meta(o).put("resourceVersion", "12");
    });
    assertInstanceOf(Decision.Allowed.class, outcome.decision(), "a terminating ConfigMap loses its finalizers");
    assertEquals(0, reviewer.calls());
    Outcome data = update(o -> meta(o).put("deletionTimestamp", "2026-12-07T11:00:00Z"),
        o -> ((ObjectNode) o.get("data")).put("c.json", "{}"));
    assertInstanceOf(Decision.Denied.class, data.decision(), "new data on a terminating ConfigMap is still reviewed");
  }

  @Test
  void anotherFinalizerOrADataChangeIsStillReviewed() {
    Outcome otherFinalizer = update(o -> {}, o -> finalizers(o).add("example.com/other"));
    assertInstanceOf(Decision.Denied.class, otherFinalizer.decision(), "someone else's finalizer is reviewed");
    Outcome data = update(o -> {}, o -> {
      finalizers(o).add(CleanupKeys.FINALIZER);
      ((ObjectNode) o.get("data")).put("c.json", "{}");
    });
    assertInstanceOf(Decision.Denied.class, data.decision(), "data changed next to the finalizer is reviewed");
    Outcome otherAnnotation = update(o -> {}, o ->
        ((ObjectNode) meta(o).get("annotations")).put("connectgate.io/connect-url", "http://evil:8083"));
    assertInstanceOf(Decision.Denied.class, otherAnnotation.decision(), "the URL annotation is reviewed");
    assertEquals(3, reviewer.calls());
  }
}

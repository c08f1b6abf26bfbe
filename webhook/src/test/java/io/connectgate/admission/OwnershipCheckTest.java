package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One owner per (Connect URL, connector name): a second labelled ConfigMap is denied, naming the owner. */
class OwnershipCheckTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String URL = "http://connect.kafka.svc:8083";
  private static final Map<String, ConnectorOwners.Owner> OWNED = Map.of(
      URL + " orders-sink", new ConnectorOwners.Owner("team-a", "orders"),
      "http://connect-eu.kafka.svc:8083 eu-sink", new ConnectorOwners.Owner("team-a", "eu"));
  private final ConnectorOwners owners = (url, name) -> Optional.ofNullable(OWNED.get(url + " " + name));
  private final OwnershipCheck check = new OwnershipCheck(owners, URL);

  private static AdmissionRequest request(String ns, String name, boolean labelled, String url, String connector) {
    ObjectNode cm = JSON.createObjectNode();
    ObjectNode meta = cm.putObject("metadata");
    meta.put("name", name).put("namespace", ns);
    if (labelled) meta.putObject("labels").put("connectgate.io/deploy", "true");
    if (url != null) meta.putObject("annotations").put("connectgate.io/connect-url", url);
    cm.putObject("data").put("c.json", "{\"name\":\"" + connector + "\",\"config\":{\"connector.class\":\"X\"}}")
        .put("notes.txt", "orders-sink");
    return new AdmissionRequest("admission.k8s.io/v1", "uid", new GroupVersionKind("", "v1", "ConfigMap"), "CREATE",
        ns, name, cm, false, null);
  }

  @Test
  void aSecondConfigMapInAnotherNamespaceIsDeniedNamingTheOwner() {
    String conflict = check.conflict(request("team-b", "steal", true, null, "orders-sink"));
    assertTrue(conflict != null && conflict.contains("belongs to ConfigMap team-a/orders"), String.valueOf(conflict));
    assertTrue(conflict.contains("data[c.json]") && conflict.contains(URL), conflict);
  }

  @Test
  void theOwnerItselfAFreeNameAnotherUrlAndUnlabelledConfigMapsPass() {
    assertNull(check.conflict(request("team-a", "orders", true, null, "orders-sink")), "the owner updates itself");
    assertNull(check.conflict(request("team-b", "free", true, null, "payments-sink")), "a free name");
    assertNull(check.conflict(request("team-b", "other", true, "http://connect-us.kafka.svc:8083", "orders-sink")),
        "the same name on another Connect");
    assertNull(check.conflict(request("team-b", "plain", false, null, "orders-sink")), "never deployed: not checked");
  }

  @Test
  void theAnnotationIsNormalisedBeforeTheLookup() {
    String conflict = check.conflict(request("team-b", "x", true, "HTTP://Connect-EU.kafka.svc:8083/", "eu-sink"));
    assertTrue(conflict != null && conflict.contains("team-a/eu"), String.valueOf(conflict));
  }

  @Test
  void theHandlerDeniesBeforeTheEngineRuns() {
    ScriptedReviewer reviewer = new ScriptedReviewer().answering(new Review(false, List.of(), null));
    AdmissionHandler handler = new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(4000)), check);
    Outcome outcome = handler.handle(request("team-b", "steal", true, null, "orders-sink"), Endpoint.VALIDATE);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, outcome.decision());
    assertEquals(403, denied.code());
    assertTrue(denied.message().contains("team-a/orders"), denied.message());
    assertInstanceOf(Decision.Allowed.class,
        handler.handle(request("team-b", "free", true, null, "payments-sink"), Endpoint.VALIDATE).decision());
  }

  @Test
  void aStoredConfigMapGetsTheSameAnswerPerDataKey() {
    Map<String, String> data = Map.of(
        "c.json", "{\"name\":\"orders-sink\",\"config\":{\"connector.class\":\"X\"}}",
        "d.json", "{\"name\":\"payments-sink\",\"config\":{\"connector.class\":\"X\"}}",
        "notes.txt", "orders-sink");
    assertEquals(Map.of("c.json", "data[c.json]: connector orders-sink at " + URL + " belongs to ConfigMap team-a/orders;"
        + " one connector has one owning ConfigMap"), check.conflicts("team-b", "steal", null, data),
        "expected the owned connector's key only");
    assertEquals(Map.of(), check.conflicts("team-a", "orders", null, data), "expected the owner's own ConfigMap clean");
    assertEquals(Map.of(), check.conflicts("team-b", "steal", "http://connect-us.kafka.svc:8083", data),
        "expected another Connect's names free");
    assertEquals(Optional.of(new ConnectorOwners.Owner("team-a", "orders")),
        check.otherOwner("team-b", "steal", URL, "orders-sink"), "expected the other owner");
    assertEquals(Optional.empty(), check.otherOwner("team-a", "orders", URL, "orders-sink"), "expected none for itself");
  }
}

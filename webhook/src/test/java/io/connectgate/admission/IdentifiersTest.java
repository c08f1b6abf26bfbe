package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Identifiers the API server would never send make a review malformed: it is answered,
 * denied with code 400 and never reaches the reviewer; the explanation never quotes them.
 */
class IdentifiersTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  final ScriptedReviewer reviewer = new ScriptedReviewer().answering(Review.untouched());
  final AdmissionHandler handler =
      new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(4000)));
  final AdmissionRequestDecoder decoder = new AdmissionRequestDecoder(AdmissionJson.newMapper());

  /** A ConfigMap review; {@code key} is its one data key. */
  static byte[] review(String operation, String namespace, String name, String objectNamespace,
      String objectName, String field, String key) {
    ObjectNode root = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
        .put("kind", "AdmissionReview");
    ObjectNode request = root.putObject("request").put("uid", "u-1").put("operation", operation)
        .put("namespace", namespace).put("name", name);
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
    ObjectNode object = request.putObject("object").put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = object.putObject("metadata");
    if (objectNamespace != null) {
      metadata.put("namespace", objectNamespace);
    }
    if (objectName != null) {
      metadata.put("name", objectName);
    }
    object.putObject(field).put(key, "aGk=");
    return JSON.writeValueAsBytes(root);
  }

  static byte[] valid(String key) {
    return review("CREATE", "kafka", "cm", "kafka", "cm", "data", key);
  }

  static List<Arguments> hostile() {
    String longLabel = "a".repeat(64);
    return List.of(
        Arguments.of("namespace with upper case", review("CREATE", "Kafka", "cm", null, null, "data", "a.json"), "Kafka"),
        Arguments.of("namespace of 64 characters", review("CREATE", longLabel, "cm", null, null, "data", "a.json"), longLabel),
        Arguments.of("namespace with a dot", review("CREATE", "a.b", "cm", null, null, "data", "a.json"), "a.b"),
        Arguments.of("name with a slash", review("CREATE", "kafka", "../cm", null, null, "data", "a.json"), "../cm"),
        Arguments.of("name with shell text", review("CREATE", "kafka", "x$(id)", null, null, "data", "a.json"), "$(id)"),
        Arguments.of("name of 254 characters", review("CREATE", "kafka", "a".repeat(254), null, null, "data", "a.json"), "a".repeat(254)),
        Arguments.of("empty name on UPDATE", review("UPDATE", "kafka", "", null, null, "data", "a.json"), "UPDATE-empty"),
        Arguments.of("object namespace differs", review("CREATE", "kafka", "cm", "other", "cm", "data", "a.json"), "other"),
        Arguments.of("object name differs", review("CREATE", "kafka", "cm", "kafka", "other", "data", "a.json"), "other"),
        Arguments.of("object name invalid", review("CREATE", "kafka", "", "kafka", "A_B", "data", "a.json"), "A_B"),
        Arguments.of("key with shell text", valid("x$(id>&2)x.json"), "$(id"),
        Arguments.of("key traversing", valid("../../../../proc/self/environ.json"), "proc/self"),
        Arguments.of("key .", valid("."), "key ."),
        Arguments.of("key ..", valid(".."), "key .."),
        Arguments.of("key starting with ..", valid("..x.json"), "..x.json"),
        Arguments.of("key with a newline", valid("a\nb.json"), "a\nb"),
        Arguments.of("key of 254 characters", valid("k".repeat(250) + ".json"), "k".repeat(250)),
        Arguments.of("empty key", valid(""), "empty-key"),
        Arguments.of("binaryData key traversing", review("CREATE", "kafka", "cm", null, null, "binaryData", "../x"), "../x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileIdentifiersAreDeniedAsMalformed(String what, byte[] body, String hostile)
      throws Exception {
    AdmissionRequest request = decoder.decode(body);
    assertNotNull(request.malformed(), "expected " + what + " to make the review malformed");
    assertEquals("u-1", request.uid(), "expected the review still answerable (uid kept)");
    Outcome outcome = handler.handle(request, Endpoint.VALIDATE);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, outcome.decision(),
        "expected " + what + " denied");
    assertEquals(400, denied.code(), "expected code 400 (malformed) for " + what);
    assertFalse(denied.message().contains(hostile),
        "expected the explanation not to quote the identifier: " + denied.message());
    assertEquals(0, reviewer.calls(), "expected a malformed review never to reach the reviewer");
    Decision.Denied mutate = assertInstanceOf(Decision.Denied.class,
        handler.handle(request, Endpoint.MUTATE).decision(), "expected /mutate to deny too");
    assertEquals(400, mutate.code(), "expected code 400 on /mutate for " + what);
  }

  @Test
  void whatTheApiServerSendsIsAccepted() throws Exception {
    for (byte[] body : List.of(valid("replicator-connector.json"), valid("a..b-c_D.9"),
        valid("k".repeat(248) + ".json"), valid(".hidden.json"),
        review("CREATE", "kafka", "", "kafka", null, "data", "a.json"),
        review("CREATE", "a".repeat(63), "a.b-c." + "d".repeat(200), null, null, "data", "a.json"),
        review("UPDATE", "kafka", "cm", "kafka", "cm", "binaryData", "x.bin"))) {
      AdmissionRequest request = decoder.decode(body);
      assertNull(request.malformed(), () -> "expected a valid review: "
          + new String(body, StandardCharsets.UTF_8).substring(0, 120));
    }
    handler.handle(decoder.decode(valid("a.json")), Endpoint.VALIDATE);
    assertEquals(1, reviewer.calls(), "expected a valid review to reach the reviewer");
  }

  @Test
  void otherKindsKeepTheirOwnNameRules() throws Exception {
    String body = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":"
        + "{\"uid\":\"u\",\"operation\":\"CREATE\",\"name\":\"system:controller:x\","
        + "\"kind\":{\"group\":\"rbac.authorization.k8s.io\",\"version\":\"v1\",\"kind\":\"ClusterRole\"}}}";
    assertNull(decoder.decode(body.getBytes(StandardCharsets.UTF_8)).malformed(),
        "expected a ClusterRole name with colons not judged by ConfigMap rules");
    assertTrue(Identifiers.isConfigMapKey("a..b") && !Identifiers.isConfigMapKey("..a"),
        "expected .. allowed inside a key but not at its start");
  }

  /** The hand-written checks accept exactly what the API server's expressions accept. */
  @Test
  void theChecksAreTheApiServersExpressions() {
    Pattern label = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    Pattern subdomain = Pattern.compile(
        "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    Pattern key = Pattern.compile("[-._a-zA-Z0-9]+");
    Random random = new Random(9);
    String alphabet = "az09-._AZ/ é";
    List<String> values = new ArrayList<>(List.of("", "a", "-", ".", "..", "a.", ".a",
        "a..b", "a-.b", "a.-b", "..x", "x..", "a".repeat(63), "a".repeat(64), "a".repeat(253), "a".repeat(254)));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder v = new StringBuilder();
      for (int n = random.nextInt(i % 50 == 0 ? 300 : 9); n > 0; n--) {
        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(v.toString());
    }
    int accepted = 0;
    for (String v : values) {
      assertEquals(v.length() <= Identifiers.MAX_LABEL && label.matcher(v).matches(), Identifiers.isDns1123Label(v),
          () -> "label \"" + v + "\"");
      assertEquals(v.length() <= Identifiers.MAX_SUBDOMAIN && subdomain.matcher(v).matches(),
          Identifiers.isDns1123Subdomain(v), () -> "subdomain \"" + v + "\"");
      boolean isKey = !v.isEmpty() && v.length() <= Identifiers.MAX_KEY && key.matcher(v).matches()
          && !v.equals(".") && !v.startsWith("..");
      assertEquals(isKey, Identifiers.isConfigMapKey(v), () -> "key \"" + v + "\"");
      accepted += Identifiers.isDns1123Subdomain(v) ? 1 : 0;
    }
    assertTrue(accepted > 100 && accepted < values.size() / 2,
        "expected values on both sides: " + accepted);
  }
}

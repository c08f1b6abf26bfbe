package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AdmissionResponses#encode} writes the response field by field: byte for byte what
 * serialising the response tree wrote before, for every kind of decision.
 */
class AdmissionResponsesEncodingTest {

  final JsonMapper mapper = AdmissionJson.newMapper();
  final AdmissionResponses responses = new AdmissionResponses(mapper);

  private String encode(String uid, Decision decision) {
    return new String(responses.encode("admission.k8s.io/v1", uid, decision), StandardCharsets.UTF_8);
  }

  @Test
  void allowedPlain() {
    assertEquals("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":"
        + "{\"uid\":\"u-1\",\"allowed\":true,\"status\":{\"code\":200}}}",
        encode("u-1", new Decision.Allowed(List.of(), null)));
  }

  @Test
  void allowedWithPatchAndWarnings() {
    var patch = mapper.readTree("[{\"op\":\"add\",\"path\":\"/data/a\",\"value\":\"x\"}]");
    assertEquals("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":"
        + "{\"uid\":\"u-2\",\"allowed\":true,\"status\":{\"code\":200},\"patchType\":\"JSONPatch\","
        + "\"patch\":\"W3sib3AiOiJhZGQiLCJwYXRoIjoiL2RhdGEvYSIsInZhbHVlIjoieCJ9XQ==\","
        + "\"warnings\":[\"w1\",\"a \\\"quoted\\\" \\\\ one\"]}}",
        encode("u-2", new Decision.Allowed(List.of("w1", "a \"quoted\" \\ one"), patch)));
  }

  @Test
  void deniedAndFailed() {
    assertEquals("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":"
        + "{\"uid\":\"u-3\",\"allowed\":false,\"status\":{\"code\":403,\"reason\":\"Forbidden\","
        + "\"message\":\"no\\nway\"},\"warnings\":[\"w\"]}}",
        encode("u-3", new Decision.Denied(403, "no\nway", List.of("w"))));
    assertEquals("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":"
        + "{\"uid\":\"u-4\",\"allowed\":false,\"status\":{\"code\":500,\"reason\":\"InternalError\","
        + "\"message\":\"connectgate could not review this object (internal error abc123); see the"
        + " webhook log\"}}}",
        encode("u-4", new Decision.Failed("abc123")));
  }

  /** The tree for tools and tests is the same response, and serialises to the same bytes. */
  @Test
  void treeAndBytesAgree() {
    Decision denied = new Decision.Denied(429, "busy", List.of());
    byte[] bytes = responses.encode("admission.k8s.io/v1beta1", null, denied);
    assertEquals(new String(mapper.writeValueAsBytes(responses.complete("admission.k8s.io/v1beta1", null, denied)),
        StandardCharsets.UTF_8), new String(bytes, StandardCharsets.UTF_8));
    assertEquals("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"response\":"
        + "{\"uid\":null,\"allowed\":false,\"status\":{\"code\":429,\"reason\":\"TooManyRequests\","
        + "\"message\":\"busy\"}}}", new String(bytes, StandardCharsets.UTF_8));
  }
}

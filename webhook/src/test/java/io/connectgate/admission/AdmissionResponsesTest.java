package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdmissionResponsesTest {

  final JsonMapper mapper = AdmissionJson.newMapper();
  final AdmissionResponses responses = new AdmissionResponses(mapper);

  @Test
  void allowedWithPatch() {
    JsonNode patch = mapper.readTree("[{\"op\":\"add\",\"path\":\"/data/a~1b\",\"value\":\"x\"}]");
    JsonNode review = responses.complete("admission.k8s.io/v1", "u-1", new Decision.Allowed(List.of("w"), patch));
    JsonNode response = review.get("response");
    assertEquals("AdmissionReview", review.get("kind").asString(), "expected kind AdmissionReview");
    assertEquals("u-1", response.get("uid").asString(), "expected the uid echoed");
    assertTrue(response.get("allowed").asBoolean(), "expected allowed");
    assertEquals("JSONPatch", response.get("patchType").asString(), "expected patchType JSONPatch");
    assertEquals(patch, mapper.readTree(new String(Base64.getDecoder().decode(response.get("patch").asString()),
        StandardCharsets.UTF_8)), "expected the patch base64-encoded");
    assertEquals("w", response.get("warnings").get(0).asString(), "expected the warning");
  }

  @Test
  void deniedCarriesCodeReasonAndMessage() {
    JsonNode response = responses.complete("admission.k8s.io/v1", "u-2",
        new Decision.Denied(400, "data[a.json]: bad", List.of())).get("response");
    assertFalse(response.get("allowed").asBoolean(), "expected allowed false");
    assertEquals(400, response.get("status").get("code").asInt(), "expected code 400");
    assertEquals("BadRequest", response.get("status").get("reason").asString(), "expected reason BadRequest");
    assertEquals("data[a.json]: bad", response.get("status").get("message").asString(), "expected the message");
    assertFalse(response.has("warnings") || response.has("patch"), "expected no empty warnings and no patch");
  }

  @Test
  void failedIsAGeneric500() {
    JsonNode response = responses.complete("admission.k8s.io/v1", "u-3", new Decision.Failed("abc123")).get("response");
    assertFalse(response.get("allowed").asBoolean(), "expected our own bug to deny");
    assertEquals(500, response.get("status").get("code").asInt(), "expected code 500");
    assertTrue(response.get("status").get("message").asString().contains("abc123"),
        "expected the log reference in the message");
  }
}

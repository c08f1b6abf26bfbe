package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every captured API server request decodes to what it says. */
class AdmissionRequestDecoderTest {

  final AdmissionRequestDecoder decoder = new AdmissionRequestDecoder(AdmissionJson.newMapper());

  @ParameterizedTest
  @ValueSource(strings = {"create-validate.json", "create-mutate.json", "update-validate.json",
      "update-mutate.json", "delete-validate.json", "delete-mutate.json"})
  void capturedRequestsDecode(String fixture) throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/admission-reviews/" + fixture)) {
      bytes = in.readAllBytes();
    }
    JsonNode raw = AdmissionJson.newMapper().readTree(bytes).get("request");

    AdmissionRequest request = decoder.decode(bytes);

    assertEquals(raw.get("uid").asString(), request.uid(), "expected the uid");
    assertEquals(raw.get("operation").asString(), request.operation(), "expected the operation");
    assertEquals("admission.k8s.io/v1", request.apiVersion(), "expected the envelope apiVersion");
    assertTrue(request.kind().isCoreConfigMap(), "expected a core/v1 ConfigMap");
    assertEquals("default", request.namespace(), "expected the namespace");
    assertEquals("replicator-connector", request.name(), "expected the name");
    assertFalse(request.dryRun(), "expected dryRun false");
    if (fixture.startsWith("delete")) {
      assertNull(request.object(), "expected no object on DELETE");
    } else {
      assertNotNull(request.object(), "expected the object on " + request.operation());
    }
  }

  @Test
  void parserMessagesNeverQuoteTheBody() {
    String body = "{\"apiVersion\": \"admission.k8s.io/v1\", \"secret\": hunter2}";
    MalformedReviewException e = assertThrows(MalformedReviewException.class,
        () -> decoder.decode(body.getBytes(StandardCharsets.UTF_8)));
    assertFalse(e.getMessage().contains("hunter2"), "expected no body text in the explanation: " + e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), "expected the position in the explanation: " + e.getMessage());
  }

  @Test
  void nonConfigMapKindsAreRecognised() throws Exception {
    String body = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\","
        + "\"operation\":\"CREATE\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Secret\"}}}";
    assertFalse(decoder.decode(body.getBytes(StandardCharsets.UTF_8)).kind().isCoreConfigMap(),
        "expected a Secret not to count as a ConfigMap");
  }
}

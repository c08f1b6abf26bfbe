package io.connectgate.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.AdmissionRequest;
import io.connectgate.admission.AdmissionRequestDecoder;
import io.connectgate.admission.AdmissionResponses;
import io.connectgate.admission.Decision;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.MalformedReviewException;
import io.connectgate.admission.Outcome;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.validation.TestCatalogs;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arbitrary bytes as a review body, through the decoder, the handler with the real engine,
 * and the response encoder, as {@code AdmissionEndpoint} does. Invariants: the only exception
 * is {@link MalformedReviewException} (a 400); a decoded review never ends as our own failure
 * (500: an exception caught by the catch-all); the response echoes the uid. (Secrets are
 * checked in {@link PatchFuzzTest}, where the generator knows which values are sensitive.)
 */
class ReviewDecoderFuzzTest {

  private static final JsonMapper MAPPER = AdmissionJson.newMapper();
  private static final AdmissionRequestDecoder DECODER = new AdmissionRequestDecoder(MAPPER);
  private static final AdmissionHandler HANDLER = new AdmissionHandler(new EngineReviewer(TestCatalogs.repository()),
      new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS)));
  private static final AdmissionResponses RESPONSES = new AdmissionResponses(MAPPER);

  @FuzzTest(maxDuration = "2m")
  void decodeReviewAnswer(byte[] body) {
    AdmissionRequest request;
    try {
      request = DECODER.decode(body);
    } catch (MalformedReviewException expected) {
      return;
    }
    for (Endpoint endpoint : Endpoint.values()) {
      Outcome outcome = HANDLER.handle(request, endpoint);
      assertFalse(outcome.decision() instanceof Decision.Failed,
          "expected a decision, not our own failure, for a decodable review");
      assertFalse(outcome.decision() instanceof Decision.Denied denied && denied.code() >= 500,
          "expected no internal-error denial for a decodable review");
      String json = MAPPER.writeValueAsString(RESPONSES.complete(request.apiVersion(), request.uid(),
          outcome.decision()));
      assertEquals(request.uid(), MAPPER.readTree(json).path("response").path("uid").asString(),
          "expected the response to echo the uid");
    }
  }
}

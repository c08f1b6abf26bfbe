package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionHandlerTest {

  final ScriptedReviewer reviewer = new ScriptedReviewer();
  final AdmissionHandler handler = new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(4000)));
  final AdmissionRequestDecoder decoder = new AdmissionRequestDecoder(AdmissionJson.newMapper());

  AdmissionRequest fixture(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/admission-reviews/" + name)) {
      return decoder.decode(in.readAllBytes());
    }
  }

  @Test
  void engineBugsBecomeA500Decision() throws Exception {
    reviewer.answering((o, ns, n, m) -> {
      throw new NullPointerException("boom");
    });
    assertInstanceOf(Decision.Failed.class, handler.handle(fixture("create-validate.json"), Endpoint.VALIDATE).decision(),
        "expected an exception to become Decision.Failed");
  }

  @Test
  void stackOverflowInTheEngineIsCaughtToo() throws Exception {
    reviewer.answering((o, ns, n, m) -> {
      throw new StackOverflowError();
    });
    assertInstanceOf(Decision.Failed.class, handler.handle(fixture("create-validate.json"), Endpoint.VALIDATE).decision(),
        "expected a StackOverflowError to become Decision.Failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"DELETE", "CONNECT"})
  void deleteAndConnectAreAllowedWithoutReview(String operation) throws Exception {
    AdmissionRequest create = fixture("create-validate.json");
    AdmissionRequest request = new AdmissionRequest(create.apiVersion(), create.uid(), create.kind(), operation,
        create.namespace(), create.name(), create.object(), false);
    Outcome outcome = handler.handle(request, Endpoint.VALIDATE);
    assertInstanceOf(Decision.Allowed.class, outcome.decision(), "expected " + operation + " allowed");
    assertEquals(0, reviewer.calls(), "expected " + operation + " not reviewed");
  }

  @Test
  void createWithoutObjectIsDenied400() throws Exception {
    AdmissionRequest create = fixture("create-validate.json");
    AdmissionRequest request = new AdmissionRequest(create.apiVersion(), create.uid(), create.kind(), "CREATE",
        create.namespace(), create.name(), null, false);
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, handler.handle(request, Endpoint.VALIDATE).decision());
    assertEquals(400, denied.code(), "expected 400 for a CREATE without object");
  }

  @Test
  void reviewerGetsTheRequestNamespaceAndName() throws Exception {
    String[] seen = new String[2];
    reviewer.answering((o, ns, n, m) -> {
      seen[0] = ns;
      seen[1] = n;
      return Review.untouched();
    });
    handler.handle(fixture("create-mutate.json"), Endpoint.MUTATE);
    assertEquals("default", seen[0], "expected request.namespace passed on");
    assertEquals("replicator-connector", seen[1], "expected request.name passed on");
  }
}

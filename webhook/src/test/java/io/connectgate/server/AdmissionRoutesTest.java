package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.Findings;
import io.connectgate.admission.Review;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.validation.Finding;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The admission routes through real HTTPS, over HTTP/1.1 and HTTP/2, with the API server's own requests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionRoutesTest {

  static final List<String> FIXTURES = List.of(
      "create-validate.json", "create-mutate.json", "update-validate.json", "update-mutate.json",
      "delete-validate.json", "delete-mutate.json");

  final ScriptedReviewer reviewer = new ScriptedReviewer();
  TestWebhook webhook;
  HttpClient http1;
  HttpClient http2;

  @BeforeAll
  void start(@TempDir Path certDir) throws Exception {
    webhook = TestWebhook.start(certDir, reviewer);
    http1 = webhook.client(HttpClient.Version.HTTP_1_1);
    http2 = webhook.client(HttpClient.Version.HTTP_2);
  }

  @AfterAll
  void stop() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
  }

  @BeforeEach
  void allowByDefault() {
    reviewer.answering(Review.untouched());
  }

  HttpClient client(HttpClient.Version version) {
    return version == HttpClient.Version.HTTP_2 ? http2 : http1;
  }

  Stream<Arguments> fixturesOverBothProtocols() {
    return FIXTURES.stream().flatMap(f -> Stream.of(
        Arguments.of(f, HttpClient.Version.HTTP_1_1), Arguments.of(f, HttpClient.Version.HTTP_2)));
  }

  /** Posts a fixture to the route its name says, the way the API server does (with ?timeout). */
  HttpResponse<String> postFixture(String fixture, HttpClient.Version version) throws Exception {
    String route = fixture.contains("mutate") ? "/mutate" : "/validate";
    return webhook.post(client(version), route + "?timeout=5s", "application/json", TestWebhook.fixture(fixture));
  }

  static JsonNode requestOf(String fixture) throws Exception {
    return TestWebhook.JSON.readTree(TestWebhook.fixture(fixture)).get("request");
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("fixturesOverBothProtocols")
  void everyFixtureGetsAnAllowedReviewEchoingItsUid(String fixture, HttpClient.Version version) throws Exception {
    HttpResponse<String> response = postFixture(fixture, version);

    assertEquals(version, response.version(), "expected the negotiated protocol to be " + version);
    assertEquals(200, response.statusCode(), "expected HTTP 200 for a decodable review, got " + response.body());
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""),
        "expected a JSON answer");
    JsonNode review = TestWebhook.json(response.body());
    assertEquals("admission.k8s.io/v1", review.path("apiVersion").asString(), "expected the request's apiVersion");
    assertEquals("AdmissionReview", review.path("kind").asString(), "expected kind AdmissionReview");
    assertEquals(requestOf(fixture).path("uid").asString(), review.path("response").path("uid").asString(),
        "expected response.uid to echo request.uid");
    assertTrue(review.path("response").path("allowed").asBoolean(false), "expected allowed:true for a clean review");
    assertFalse(review.path("response").has("patch"), "expected no patch when the reviewer gives none");
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTP_1_1", "HTTP_2"})
  void deleteIsAllowedWithoutAskingTheReviewer(HttpClient.Version version) throws Exception {
    reviewer.answering(new Review(true, List.of(Findings.error("schema", "x", "must not be reached")), null));
    int before = reviewer.calls();

    JsonNode response = TestWebhook.json(postFixture("delete-validate.json", version).body()).get("response");

    assertTrue(response.path("allowed").asBoolean(false), "expected DELETE to be allowed");
    assertEquals(before, reviewer.calls(), "expected DELETE not to reach the reviewer");
  }

  @Test
  void otherKindsAreAllowedUntouched() throws Exception {
    reviewer.answering(new Review(true, List.of(Findings.error("schema", "x", "must not be reached")),
        TestWebhook.JSON.readTree("[{\"op\":\"add\",\"path\":\"/x\",\"value\":1}]")));
    ObjectNode review = (ObjectNode) TestWebhook.JSON.readTree(TestWebhook.fixture("create-mutate.json"));
    ObjectNode kind = (ObjectNode) review.get("request").get("kind");
    kind.put("group", "apps").put("kind", "Deployment");
    int before = reviewer.calls();

    JsonNode response = TestWebhook.json(webhook.post(http2, "/mutate", "application/json",
        TestWebhook.JSON.writeValueAsBytes(review)).body()).get("response");

    assertTrue(response.path("allowed").asBoolean(false), "expected a Deployment to be allowed");
    assertFalse(response.has("patch"), "expected no patch for a non-ConfigMap");
    assertEquals(before, reviewer.calls(), "expected a non-ConfigMap not to reach the reviewer");
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTP_1_1", "HTTP_2"})
  void policyViolationsDenyWith403AndListEveryFinding(HttpClient.Version version) throws Exception {
    List<Finding> findings = List.of(
        Findings.error("requireEncryption", "src.kafka.security.protocol", "PLAINTEXT is not allowed"),
        Findings.error("schema", "tasks.max", "must be a positive integer"),
        Findings.warning("deprecated-key", "topic.whitelist", "deprecated, use topic.include"),
        Findings.audit("maxTasks", "tasks.max", "audited only"));
    reviewer.answering(new Review(true, findings, null));

    JsonNode response = TestWebhook.json(postFixture("create-validate.json", version).body()).get("response");

    assertFalse(response.path("allowed").asBoolean(true), "expected a denial");
    assertEquals(403, response.path("status").path("code").asInt(), "expected 403 for policy/schema errors");
    String message = response.path("status").path("message").asString();
    assertEquals(findings.get(0).describe() + "; " + findings.get(1).describe(), message,
        "expected every error finding in describe() form joined by '; '");
    assertEquals(List.of(findings.get(2).describe()), strings(response.path("warnings")),
        "expected the WARNING finding (and only it) in response.warnings");
    assertFalse(message.contains("audited only"), "expected AUDIT findings kept out of the response");
  }

  @Test
  void malformedDocumentsDenyWith400() throws Exception {
    reviewer.answering(new Review(true, List.of(
        Findings.error("schema", "tasks.max", "must be a positive integer"),
        Findings.error("json-syntax", null, "line 3, column 5: unexpected character")), null));

    JsonNode response = TestWebhook.json(postFixture("update-validate.json", HttpClient.Version.HTTP_2).body())
        .get("response");

    assertEquals(400, response.path("status").path("code").asInt(), "expected 400 when any error is a malformed-document rule");
    assertTrue(response.path("status").path("message").asString().contains("line 3, column 5"),
        "expected the json-syntax finding in the message");
  }

  @Test
  void longDenialMessagesAreCappedWithACountOfWhatWasCut() throws Exception {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(Findings.error("schema", "key" + i, "is not allowed here"));
    }
    reviewer.answering(new Review(true, many, null));

    String message = TestWebhook.json(postFixture("create-validate.json", HttpClient.Version.HTTP_1_1).body())
        .path("response").path("status").path("message").asString();

    assertTrue(message.length() <= 4000, "expected the message capped at 4000 characters, got " + message.length());
    assertTrue(message.startsWith(many.get(0).describe() + "; "), "expected the first finding first");
    assertTrue(message.matches(".*; \\.\\.\\. and \\d+ more$"), "expected '... and N more' at the end: " + message);
    int shown = message.split("; ").length - 1;
    int omitted = Integer.parseInt(message.replaceAll(".*\\.\\.\\. and (\\d+) more$", "$1"));
    assertEquals(500, shown + omitted, "expected shown + omitted findings to account for all 500");
  }

  @Test
  void warningsAreAtMost120Characters() throws Exception {
    String longText = "unknown key 'src.kafka.bootstrap.server', did you mean 'src.kafka.bootstrap.servers'? "
        + "this advisory goes on for much longer than kubectl would show in one piece";
    reviewer.answering(new Review(true, List.of(Findings.warning("unknown-key", "src.kafka.bootstrap.server", longText)), null));

    List<String> warnings = strings(TestWebhook.json(postFixture("create-validate.json", HttpClient.Version.HTTP_2).body())
        .path("response").path("warnings"));

    assertEquals(1, warnings.size(), "expected one warning");
    assertTrue(warnings.get(0).length() <= 120, "expected at most 120 characters: " + warnings.get(0));
    assertTrue(warnings.get(0).endsWith("..."), "expected a shortened warning to say so");
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTP_1_1", "HTTP_2"})
  void mutateReturnsTheReviewersPatchAsBase64JsonPatch(HttpClient.Version version) throws Exception {
    String patch = "[{\"op\":\"add\",\"path\":\"/metadata/annotations/connectgate.io~1injected\",\"value\":\"{}\"}]";
    reviewer.answering((object, ns, name, mutate) ->
        new Review(true, List.of(Findings.error("schema", "tasks.max", "bad")),
            mutate ? TestWebhook.JSON.readTree(patch) : null));

    JsonNode response = TestWebhook.json(postFixture("create-mutate.json", version).body()).get("response");

    assertTrue(reviewer.lastMutate(), "expected /mutate to ask the reviewer for a patch");
    assertTrue(response.path("allowed").asBoolean(false), "expected /mutate never to deny for findings");
    assertEquals("JSONPatch", response.path("patchType").asString(), "expected patchType JSONPatch");
    String decoded = new String(Base64.getDecoder().decode(response.path("patch").asString()), StandardCharsets.UTF_8);
    assertEquals(TestWebhook.JSON.readTree(patch), TestWebhook.JSON.readTree(decoded), "expected the reviewer's patch, base64-encoded");
  }

  @Test
  void validateNeverReturnsAPatch() throws Exception {
    reviewer.answering(new Review(true, List.of(), TestWebhook.JSON.readTree("[{\"op\":\"remove\",\"path\":\"/data\"}]")));

    JsonNode response = TestWebhook.json(postFixture("create-validate.json", HttpClient.Version.HTTP_2).body()).get("response");

    assertFalse(reviewer.lastMutate(), "expected /validate to ask for no patch");
    assertFalse(response.has("patch") || response.has("patchType"), "expected no patch from /validate: " + response);
  }

  @Test
  void malformedDocumentGetsNoPatchFromMutate() throws Exception {
    reviewer.answering(new Review(true, List.of(Findings.error("not-a-connector", null, "no connector document")),
        TestWebhook.JSON.readTree("[{\"op\":\"add\",\"path\":\"/x\",\"value\":1}]")));

    JsonNode response = TestWebhook.json(postFixture("create-mutate.json", HttpClient.Version.HTTP_1_1).body()).get("response");

    assertTrue(response.path("allowed").asBoolean(false), "expected /mutate to allow (denial is /validate's job)");
    assertNull(response.get("patch"), "expected no patch for a malformed document");
  }

  @Test
  void dryRunIsDecidedLikeARealRequest() throws Exception {
    reviewer.answering(new Review(true, List.of(Findings.error("maxTasks", "tasks.max", "at most 4")), null));
    ObjectNode review = (ObjectNode) TestWebhook.JSON.readTree(TestWebhook.fixture("create-validate.json"));
    ((ObjectNode) review.get("request")).put("dryRun", true);

    JsonNode response = TestWebhook.json(webhook.post(http2, "/validate", "application/json",
        TestWebhook.JSON.writeValueAsBytes(review)).body()).get("response");

    assertEquals(403, response.path("status").path("code").asInt(), "expected a dry run denied exactly like a real one");
  }

  @Test
  void anEngineExceptionIsA500DenialWithAGenericMessage() throws Exception {
    reviewer.answering((o, ns, n, m) -> {
      throw new IllegalStateException("secret-looking detail sasl.jaas.config=hunter2");
    });

    HttpResponse<String> http = postFixture("create-validate.json", HttpClient.Version.HTTP_2);
    JsonNode response = TestWebhook.json(http.body()).get("response");

    assertEquals(200, http.statusCode(), "expected HTTP 200: a review always comes back");
    assertFalse(response.path("allowed").asBoolean(true), "expected our own bug to deny (fail closed)");
    assertEquals(500, response.path("status").path("code").asInt(), "expected status.code 500");
    assertEquals(requestOf("create-validate.json").path("uid").asString(), response.path("uid").asString(),
        "expected the uid echoed even on failure");
    assertFalse(http.body().contains("hunter2") || http.body().contains("IllegalStateException"),
        "expected no exception detail in the response: " + http.body());
  }

  @Test
  void v1beta1ReviewsAreAnsweredInV1beta1() throws Exception {
    ObjectNode review = (ObjectNode) TestWebhook.JSON.readTree(TestWebhook.fixture("update-validate.json"));
    review.put("apiVersion", "admission.k8s.io/v1beta1");

    JsonNode answer = TestWebhook.json(webhook.post(http1, "/validate", "application/json",
        TestWebhook.JSON.writeValueAsBytes(review)).body());

    assertEquals("admission.k8s.io/v1beta1", answer.path("apiVersion").asString(), "expected the request's apiVersion echoed");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}

package io.connectgate.mutation;

import static io.connectgate.mutation.EngineMutationTest.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Review;
import io.connectgate.validation.TestCatalogs;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The monitoring interceptors' copied security (every SASL and SSL setting of the cluster
 * they report to) and the choice of that cluster ({@code connectgate.io/monitoring-target}).
 */
class InterceptorSecurityMutationTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String CI = "src.consumer.confluent.monitoring.interceptor.";
  private static final String PI =
      "src.kafka.timestamps.producer.confluent.monitoring.interceptor.";
  private static final String ANNOTATION = "connectgate.io/monitoring-target";

  private final EngineReviewer reviewer = new EngineReviewer(TestCatalogs.repository());

  private ObjectNode mutateTwice(ObjectNode object) {
    Review review = reviewer.review(object, "default", "c", true);
    assertFalse(review.hasErrors(), () -> "expected no errors, got " + review.findings());
    assertNotNull(review.patch(), "expected a patch");
    ObjectNode patched = (ObjectNode) JsonPatch.apply(review.patch(), object);
    Review again = reviewer.review(patched, "default", "c", true);
    assertFalse(again.hasErrors(), () -> "the mutated object has errors: " + again.findings());
    assertNull(again.patch(), () -> "mutating the output again must yield no patch, got "
        + again.patch());
    return patched;
  }

  private static JsonNode config(ObjectNode cm) {
    return JSON.readTree(cm.path("data").path("r.json").asString()).path("config");
  }

  private static ObjectNode replicator(String extra) {
    return configMap("r.json", "{\"name\": \"r\", \"config\": {"
        + "\"connector.class\": \"io.confluent.connect.replicator.ReplicatorSourceConnector\","
        + " \"topic.whitelist\": \"orders\","
        + " \"src.kafka.bootstrap.servers\": \"src:9092\","
        + " \"dest.kafka.bootstrap.servers\": \"dest:9092\"" + extra + "}}");
  }

  /** OAUTHBEARER as in Confluent's RBAC example: login callback handler and its settings. */
  private static final String OAUTH = ", \"src.kafka.security.protocol\": \"SASL_SSL\","
      + " \"src.kafka.sasl.mechanism\": \"OAUTHBEARER\","
      + " \"src.kafka.sasl.jaas.config\": \"org.apache.kafka.common.security.oauthbearer."
      + "OAuthBearerLoginModule required username=\\\"u\\\" password=\\\"${file:/s:p}\\\""
      + " metadataServerUrls=\\\"https://mds:8090\\\";\","
      + " \"src.kafka.sasl.login.callback.handler.class\": \"io.confluent.kafka.clients.plugins."
      + "auth.token.TokenUserLoginCallbackHandler\","
      + " \"src.kafka.sasl.oauthbearer.token.endpoint.url\": \"https://idp/token\","
      + " \"src.kafka.sasl.login.class\": \"org.example.Login\","
      + " \"src.kafka.ssl.truststore.location\": \"/tls/ts.jks\","
      + " \"src.kafka.ssl.truststore.password\": \"${file:/s:tp}\","
      + " \"src.kafka.ssl.endpoint.identification.algorithm\": \"\"";

  @Test
  void oauthBearerSecurityIsCopiedCompletelyToBothInterceptors() {
    JsonNode after = config(mutateTwice(replicator(OAUTH)));
    for (String key : List.of("bootstrap.servers", "security.protocol", "sasl.mechanism",
        "sasl.jaas.config", "sasl.login.callback.handler.class",
        "sasl.oauthbearer.token.endpoint.url", "sasl.login.class", "ssl.truststore.location",
        "ssl.truststore.password", "ssl.endpoint.identification.algorithm")) {
      assertEquals(after.path("src.kafka." + key), after.path(CI + key),
          "consumer interceptor " + key + " copied from src.kafka.");
      assertEquals(after.path("src.kafka." + key), after.path(PI + key),
          "producer interceptor " + key + " copied from src.kafka.");
    }
  }

  @Test
  void awsIamAndKerberosSettingsAreCopied() {
    JsonNode after = config(mutateTwice(replicator(
        ", \"src.kafka.security.protocol\": \"SASL_SSL\","
            + " \"src.kafka.sasl.mechanism\": \"AWS_MSK_IAM\","
            + " \"src.kafka.sasl.jaas.config\": \"software.amazon.msk.auth.iam.IAMLoginModule"
            + " required;\","
            + " \"src.kafka.sasl.client.callback.handler.class\": \"software.amazon.msk.auth.iam."
            + "IAMClientCallbackHandler\","
            + " \"dest.kafka.security.protocol\": \"SASL_PLAINTEXT\","
            + " \"dest.kafka.sasl.kerberos.service.name\": \"kafka\"")));
    assertEquals("software.amazon.msk.auth.iam.IAMClientCallbackHandler",
        after.path(CI + "sasl.client.callback.handler.class").asString(),
        "the IAM client callback handler reaches the consumer interceptor");
    assertEquals("AWS_MSK_IAM", after.path(PI + "sasl.mechanism").asString(),
        "the mechanism reaches the producer interceptor");
    assertFalse(after.has(CI + "sasl.kerberos.service.name"),
        "nothing is copied from dest.kafka. while the target is the source cluster");
  }

  @ParameterizedTest
  @ValueSource(strings = {"destination", " destination "})
  void destinationTargetCopiesTheDestinationClustersSettings(String value) {
    ObjectNode cm = replicator(OAUTH + ", \"dest.kafka.security.protocol\": \"SASL_PLAINTEXT\","
        + " \"dest.kafka.sasl.mechanism\": \"GSSAPI\","
        + " \"dest.kafka.sasl.kerberos.service.name\": \"kafka\","
        + " \"dest.kafka.sasl.jaas.config\": \"com.sun.security.auth.module.Krb5LoginModule"
        + " required useKeyTab=true keyTab=\\\"/k/r.keytab\\\" principal=\\\"r@EX\\\";\"");
    ((ObjectNode) cm.path("metadata")).putObject("annotations").put(ANNOTATION, value);
    JsonNode after = config(mutateTwice(cm));
    for (String prefix : List.of(CI, PI)) {
      assertEquals("dest:9092", after.path(prefix + "bootstrap.servers").asString(),
          prefix + " reports to the destination cluster");
      assertEquals("kafka", after.path(prefix + "sasl.kerberos.service.name").asString(),
          prefix + " gets the destination's Kerberos service name");
      assertEquals("GSSAPI", after.path(prefix + "sasl.mechanism").asString(),
          prefix + " gets the destination's mechanism");
      assertFalse(after.has(prefix + "sasl.login.callback.handler.class"),
          prefix + " gets nothing of the source cluster's security");
    }
  }

  @Test
  void sourceIsTheDefaultAndCanBeNamed() {
    ObjectNode named = replicator("");
    ((ObjectNode) named.path("metadata")).putObject("annotations").put(ANNOTATION, "source");
    assertEquals("src:9092", config(mutateTwice(named)).path(CI + "bootstrap.servers").asString(),
        "source named explicitly");
    assertEquals("src:9092", config(mutateTwice(replicator(""))).path(PI + "bootstrap.servers")
        .asString(), "source by default");
  }

  @Test
  void destinationWithoutDestinationBootstrapServersDerivesNothing() {
    ObjectNode cm = configMap("r.json", "{\"name\": \"r\", \"config\": {"
        + "\"connector.class\": \"io.confluent.connect.replicator.ReplicatorSourceConnector\","
        + " \"topic.whitelist\": \"orders\", \"src.kafka.bootstrap.servers\": \"src:9092\"}}");
    ((ObjectNode) cm.path("metadata")).putObject("annotations").put(ANNOTATION, "destination");
    JsonNode after = config(mutateTwice(cm));
    assertTrue(after.has("src.consumer.interceptor.classes"), "the interceptor is injected");
    assertFalse(after.has(CI + "bootstrap.servers"),
        "no source settings copied when the destination was asked for");
  }

  @Test
  void anUnknownTargetIsAnErrorAndGetsNoPatch() {
    ObjectNode cm = replicator("");
    ((ObjectNode) cm.path("metadata")).putObject("annotations").put(ANNOTATION, "dest");
    Review review = reviewer.review(cm, "default", "c", true);
    assertTrue(review.findings().stream().anyMatch(f -> f.rule().equals("schema")
        && f.message().contains(ANNOTATION) && f.message().contains("destination")),
        () -> "expected an error naming the annotation and the valid targets, got "
            + review.findings());
    assertNull(review.patch(), "no patch while the annotation is wrong");
  }
}

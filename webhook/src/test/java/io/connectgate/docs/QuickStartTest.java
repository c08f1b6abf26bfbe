package io.connectgate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.connectgate.admission.Admission;
import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.connector.Deadline;
import io.connectgate.policy.Policy;
import io.connectgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * README's quick start is what happens: its values render with the real chart, and the denial
 * it shows is the webhook's answer to its example, whose findings are those `validate` prints.
 */
class QuickStartTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String EXAMPLE = "docs/quickstart/bad-connector.yaml";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theValuesRenderTheLocallyBuiltImage() {
    String rendered = new Helm(ROOT.resolve("deploy/helm/connectgate")).template().withName("connectgate")
        .withNamespace("connectgate").withValuesFile(ROOT.resolve("docs/quickstart/values.yaml")).call();
    assertTrue(rendered.contains("image: \"connectgate:dev\"") || rendered.contains("image: connectgate:dev"),
        "expected the quick start's image in the Deployment");
    assertTrue(rendered.contains("replicas: 1"), "expected one replica");
  }

  @Test
  void theDenialShownIsTheWebhooksAnswerAndValidatesFindings() throws Exception {
    ObjectNode configMap = (ObjectNode) JSON.valueToTree(YAMLMapper.builder().build()
        .readTree(Files.readString(ROOT.resolve(EXAMPLE))));
    configMap.withObject("/metadata").put("namespace", "default");
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "quick-start").put("operation", "CREATE")
        .put("namespace", "default").put("name", configMap.path("metadata").path("name").asString());
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
    request.set("object", configMap);
    Admission admission = new Admission(AdmissionJson.newMapper(),
        new AdmissionHandler(ReviewerFactory.standard().create(null, Policy::builtIn),
            new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        DeployLabel.disabled(), new ReviewBudget(64L << 20, 1L << 20));
    JsonNode response = JSON.readTree(admission.review(JSON.writeValueAsBytes(review), Endpoint.VALIDATE,
        Deadline.none()).body()).path("response");
    assertFalse(response.path("allowed").asBoolean(true), "expected the example denied: " + response);

    List<String> expected = new ArrayList<>();
    response.path("warnings").forEach(w -> expected.add("Warning: " + w.asString()));
    expected.add("Error from server (Forbidden): error when creating \"" + EXAMPLE + "\": admission webhook"
        + " \"validate.connectgate.io\" denied the request: " + response.path("status").path("message").asString());
    assertEquals(403, response.path("status").path("code").asInt(), "kubectl says Forbidden for 403");
    List<String> shown = readmeDenial();
    assertEquals(expected, shown, "README's quick start shows what the webhook answers");

    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertEquals(1, cli.execute("validate", "-o", "json", ROOT.resolve(EXAMPLE).toString()),
        "validate exits 1 on the example");
    JsonNode findings = JSON.readTree(out.toString()).path("findings");
    assertTrue(findings.size() >= 3, "expected validate's findings: " + findings);
    String text = String.join("\n", shown);
    for (JsonNode f : findings) {
      String described = "data[" + f.path("dataKey").asString() + "] " + f.path("pointer").asString() + ": "
          + f.path("message").asString();
      assertTrue(text.contains(described), "expected validate's finding in README's denial: " + described);
    }
  }

  private static List<String> readmeDenial() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("## Quick start");
    int start = readme.indexOf("```text\n", section) + "```text\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    return List.of(block.strip().split("\n"));
  }
}

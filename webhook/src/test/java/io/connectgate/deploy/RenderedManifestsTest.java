package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/manifests/connectgate.yaml is the chart's default rendering for `kubectl apply -f`;
 * this keeps the two in step. Regenerate after a chart change with
 * {@code mvn -B -pl webhook test -Dtest=RenderedManifestsTest -Dconnectgate.manifests.write=true}.
 */
class RenderedManifestsTest {

  static final String REGENERATE =
      "mvn -B -pl webhook test -Dtest=RenderedManifestsTest -Dconnectgate.manifests.write=true";

  @Test
  void manifestsAreTheChartsDefaultRendering() throws IOException {
    Path file = Charts.repositoryRoot().resolve("deploy/manifests/connectgate.yaml");
    String expected = render();
    if (Boolean.getBoolean("connectgate.manifests.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected);
    }
    assertTrue(Files.exists(file), file + " missing; generate it with: " + REGENERATE);
    assertEquals(expected, Files.readString(file),
        "deploy/manifests/connectgate.yaml differs from the chart's rendering; regenerate with: " + REGENERATE);
  }

  @Test
  void manifestsCreateTheirNamespaceFirst() throws IOException {
    List<HasMetadata> objects = Charts.parse(render());
    assertTrue(objects.get(0) instanceof Namespace ns && ns.getMetadata().getName().equals(Charts.NAMESPACE),
        "the first object is Namespace " + Charts.NAMESPACE + ", so one kubectl apply -f works");
  }

  /** The file's content: a header, the Namespace, then `helm template` with default values. */
  static String render() {
    return """
        # connectgate for `kubectl apply -f`: the default rendering of deploy/helm/connectgate
        # (release "connectgate", namespace "connectgate"), preceded by the Namespace.
        # Generated - do not edit. Regenerate after a chart change with
        #   %s
        # Image: %s:<appVersion>, as built by `docker build -t` / Jib with the default name
        # (docs/operations.md, "Container image"); no image is published: push yours and change it.
        # No webhook configuration is listed: the pods register both once one is ready (so applying
        # this file with no image that runs blocks nothing); they are owned by the ClusterRole
        # connectgate-webhook-registration, so `kubectl delete -f` this file lets the garbage
        # collector remove them. Helm hooks (the pre-delete cleanup Job, `helm test`) are not included.
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        """.formatted(REGENERATE, Charts.IMAGE_REPOSITORY, Charts.NAMESPACE)
        + Charts.template(Charts.connectgateChart(), null);
  }
}

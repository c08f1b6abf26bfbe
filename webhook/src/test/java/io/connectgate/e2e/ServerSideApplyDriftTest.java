package io.connectgate.e2e;

import static io.connectgate.e2e.ConnectorConfigMaps.INJECTED_ANNOTATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitOps without drift (docs/gitops.md), proven with kubectl against the test tier's
 * kube-apiserver with connectgate registered as its mutating and validating webhook: a
 * connector ConfigMap applied with {@code kubectl apply --server-side} twice is stored with
 * the injected defaults, and {@code kubectl diff --server-side} of the unchanged manifest
 * shows nothing, because the dry-run goes through the same webhook. A changed manifest does
 * show a diff, so "nothing" is not a diff that sees nothing.
 *
 * <p>Skipped, saying why, when no kubectl can be found (KUBE_API_TEST_DIR, KUBEBUILDER_ASSETS,
 * the provisioning cache or PATH; Debian: package kubernetes-client).
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "io.connectgate.e2e.ServerSideApplyDriftTest#kubectlAvailable",
    disabledReason = "no kubectl in KUBE_API_TEST_DIR, KUBEBUILDER_ASSETS or PATH (Debian: apt-get install"
        + " kubernetes-client); the server-side apply drift test needs it")
class ServerSideApplyDriftTest {

  private final ControlPlane plane;
  private ConnectgateInCluster connectgate;
  private Path dir;

  ServerSideApplyDriftTest(ControlPlane plane) {
    this.plane = plane;
  }

  static boolean kubectlAvailable() {
    List<String> dirs = new ArrayList<>();
    for (String variable : List.of("KUBE_API_TEST_DIR", "KUBEBUILDER_ASSETS")) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        dirs.add(value);
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    return dirs.stream().anyMatch(d -> !d.isBlank() && Files.isExecutable(Path.of(d, "kubectl")));
  }

  @BeforeAll
  void startConnectgate(@TempDir Path dir) {
    this.dir = dir;
    connectgate = ConnectgateInCluster.start(plane, dir, "ssa-drift");
  }

  @AfterAll
  void stopConnectgate() {
    if (connectgate != null) {
      connectgate.close();
    }
  }

  @Test
  void serverSideApplyTwiceThenServerSideDiffShowsNothing() {
    String ns = connectgate.namespace();
    Path manifest = ConnectorConfigMaps.manifest(dir,
        ConnectorConfigMaps.connector(ns, "replicator-ssa", ConnectorConfigMaps.replicator()));

    CommandResult first = plane.kubectl("apply", "--server-side", "--field-manager=gitops", "-f", manifest.toString());
    assertTrue(first.succeeded(), "expected the first server-side apply to succeed:\n" + first.describe());
    ConfigMap stored = plane.client().configMaps().inNamespace(ns).withName("replicator-ssa").get();
    assertNotNull(stored, "expected the ConfigMap to be stored");
    Map<String, String> annotations = stored.getMetadata().getAnnotations();
    assertTrue(annotations != null && annotations.containsKey(INJECTED_ANNOTATION),
        "expected the webhook's mutation in the stored object (else an empty diff proves nothing): "
            + annotations);
    assertTrue(ConnectorConfigMaps.storedConfig(stored).has("key.converter"),
        "expected the injected converter in the stored connector");

    CommandResult second = plane.kubectl("apply", "--server-side", "--field-manager=gitops", "-f", manifest.toString());
    assertTrue(second.succeeded(), "expected the second server-side apply to succeed:\n" + second.describe());

    CommandResult diff = plane.kubectl("diff", "--server-side", "--field-manager=gitops", "-f", manifest.toString());
    assertEquals(0, diff.exitCode(), "expected kubectl diff --server-side to find no difference (exit 0):\n"
        + diff.describe());
    assertEquals("", diff.stdout().strip(), "expected an empty diff:\n" + diff.describe());

    Path changed = ConnectorConfigMaps.manifest(dir, ConnectorConfigMaps.connector(ns, "replicator-ssa",
        ConnectorConfigMaps.replicator(Map.of("topic.whitelist", "orders,payments"))));
    CommandResult real = plane.kubectl("diff", "--server-side", "--field-manager=gitops", "-f", changed.toString());
    assertEquals(1, real.exitCode(), "expected a changed manifest to show a difference (exit 1):\n"
        + real.describe());
    assertNotEquals("", real.stdout().strip(), "expected the difference printed:\n" + real.describe());
  }
}

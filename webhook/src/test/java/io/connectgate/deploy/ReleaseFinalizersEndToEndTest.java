package io.connectgate.deploy;

import static io.connectgate.deploy.ControllerFixture.connector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.cli.Main;
import io.connectgate.e2e.ControlPlane;
import io.connectgate.e2e.ControlPlaneTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code connectgate release-finalizers} (the chart's uninstall hook) against the real
 * kube-apiserver: only connectgate's finalizer goes, other finalizers stay, and a ConfigMap
 * already being deleted is gone once it had no other.
 */
@ControlPlaneTest
class ReleaseFinalizersEndToEndTest {

  private final ControllerFixture fx;
  private final ControlPlane plane;

  ReleaseFinalizersEndToEndTest(ControlPlane plane) {
    this.plane = plane;
    this.fx = new ControllerFixture(plane);
  }

  private void finalizers(String ns, String name, String... finalizers) {
    fx.admin.configMaps().inNamespace(ns).withName(name).edit(c -> {
      c.getMetadata().setFinalizers(new ArrayList<>(List.of(finalizers)));
      return c;
    });
  }

  @Test
  void removesOnlyConnectgatesFinalizer() {
    String ns = fx.namespace("release");
    fx.store(ns, "both", connector("both", 1));
    finalizers(ns, "both", "example.com/keep", CleanupKeys.FINALIZER);
    fx.store(ns, "ours", connector("ours", 1));
    finalizers(ns, "ours", CleanupKeys.FINALIZER);
    fx.admin.configMaps().inNamespace(ns).withName("ours").delete(); // waits for the finalizer
    fx.admin.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("opted-only").withNamespace(ns).addToLabels(CleanupKeys.DELETE_LABEL, "true")
        .withFinalizers(CleanupKeys.FINALIZER).endMetadata().build()).create();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("release-finalizers", "--kubeconfig", plane.kubeconfig().toString(), "--namespaces", ns);

    assertEquals(0, exit, "exit 0: " + out + err);
    assertTrue(out.toString().contains("3 ConfigMap(s) released"), out.toString());
    assertEquals(List.of(), fx.admin.configMaps().inNamespace(ns).withName("opted-only").get().getMetadata()
        .getFinalizers(), "expected a ConfigMap with only the opt-in label released too");
    assertEquals(List.of("example.com/keep"),
        fx.admin.configMaps().inNamespace(ns).withName("both").get().getMetadata().getFinalizers(),
        "expected the other finalizer kept");
    assertNull(fx.admin.configMaps().inNamespace(ns).withName("ours").get(),
        "expected the terminating ConfigMap gone once released");

    StringWriter again = new StringWriter();
    cl.setOut(new PrintWriter(again));
    assertEquals(0, cl.execute("release-finalizers", "--kubeconfig", plane.kubeconfig().toString(),
        "--namespaces", ns), "a second run has nothing to do and still succeeds");
    assertTrue(again.toString().contains("0 ConfigMap(s) released"), again.toString());
  }
}

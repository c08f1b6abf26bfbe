package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyLoader;
import io.connectgate.policy.Rules;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook's Deployment, Service, PDB, policy and jobs, in every documented mode. */
class DeploymentTest {

  static Stream<Arguments> modes() {
    return ChartMode.all(Charts.connectgateChart());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void podIsHardened(ChartMode mode) {
    Deployment deployment = Charts.single(Charts.parse(mode.render()), Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    String where = mode.name() + ": ";
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), where + "pod runAsNonRoot");
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), where + "pod seccomp");
    assertEquals(1, pod.getContainers().size(), where + "one container");
    Container container = pod.getContainers().get(0);
    assertHardened(container.getSecurityContext(), where);
    assertNotNull(container.getResources().getRequests().get("cpu"), where + "cpu request");
    assertNotNull(container.getResources().getRequests().get("memory"), where + "memory request");
    assertNotNull(container.getResources().getLimits().get("memory"), where + "memory limit");
    assertNotNull(container.getResources().getLimits().get("cpu"), where + "cpu limit");
    assertEquals("/tmp", mountOf(container, "tmp").getMountPath(), where + "writable /tmp");
    assertNotNull(volume(pod, "tmp").getEmptyDir(), where + "/tmp is an emptyDir");
    assertEquals(registers(mode) || mode.flag("deployJobs.enabled") || mode.string("tls.mode").equals("selfManaged"),
        pod.getAutomountServiceAccountToken(), where + "API token only when the pod calls the API");
    if (!mode.string("priorityClassName").isEmpty()) {
      assertEquals(mode.string("priorityClassName"), pod.getPriorityClassName(), where + "priorityClassName");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void replicasSpreadAndProtected(ChartMode mode) {
    List<HasMetadata> objects = Charts.parse(mode.render());
    Deployment deployment = Charts.single(objects, Deployment.class);
    String where = mode.name() + ": ";
    if (mode.valuesFile() == null) {
      assertEquals(2, deployment.getSpec().getReplicas(), "two replicas by default");
    }
    assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
        where + "roll-outs never drop a serving replica first");
    var antiAffinity = deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
    assertNotNull(antiAffinity, where + "pod anti-affinity");
    assertEquals("kubernetes.io/hostname",
        antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getTopologyKey(),
        where + "spread over nodes");
    PodDisruptionBudget pdb = Charts.single(objects, PodDisruptionBudget.class);
    assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), where + "PDB allows one pod down");
    assertEquals(deployment.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels(),
        where + "PDB selects the webhook pods");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void probesAndServiceUseHttps(ChartMode mode) {
    List<HasMetadata> objects = Charts.parse(mode.render());
    Container container = Charts.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(8443, container.getPorts().get(0).getContainerPort(), "container listens on 8443");
    assertEquals("https", container.getPorts().get(0).getName(), "port named https");
    assertProbe(container.getStartupProbe().getHttpGet(), "/healthz", "startup");
    assertProbe(container.getLivenessProbe().getHttpGet(), "/healthz", "liveness");
    assertProbe(container.getReadinessProbe().getHttpGet(), "/readyz", "readiness");
    Service service = Charts.single(objects, Service.class);
    ServicePort port = service.getSpec().getPorts().get(0);
    assertEquals(443, port.getPort(), "Service port 443");
    assertEquals("https", port.getTargetPort().getStrVal(), "Service targets the https (8443) port");
    assertEquals(Charts.single(objects, Deployment.class).getSpec().getSelector().getMatchLabels(),
        service.getSpec().getSelector(), "Service selects the webhook pods");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void serveFlagsFollowTheValues(ChartMode mode) {
    List<HasMetadata> objects = Charts.parse(mode.render());
    PodSpec pod = Charts.single(objects, Deployment.class).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    List<String> args = container.getArgs();
    String where = mode.name() + ": ";
    assertEquals("serve", args.get(0), where + "runs serve");
    assertTrue(args.contains("--port=8443"), where + "--port: " + args);

    String tlsMode = mode.string("tls.mode");
    String certDir = args.stream().filter(a -> a.startsWith("--cert-dir=")).findFirst()
        .orElseThrow(() -> new AssertionError(where + "--cert-dir missing: " + args)).substring(11);
    VolumeMount certs = mountOf(container, "certs");
    assertEquals(certDir, certs.getMountPath(), where + "--cert-dir is the certs mount");
    if (tlsMode.equals("selfManaged")) {
      assertNotNull(volume(pod, "certs").getEmptyDir(), where + "generated certs go to a writable emptyDir");
      assertFalse(Boolean.TRUE.equals(certs.getReadOnly()), where + "cert dir writable");
      for (String flag : List.of("--self-managed-tls", "--service=connectgate", "--namespace=connectgate",
          "--webhook-config=connectgate", "--dns-name=connectgate.connectgate.svc")) {
        assertTrue(args.contains(flag), where + "self-managed TLS needs " + flag + ": " + args);
      }
    } else {
      String secret = tlsMode.equals("existingSecret") ? mode.string("tls.existingSecret.name") : "connectgate-tls";
      assertEquals(secret, volume(pod, "certs").getSecret().getSecretName(), where + "TLS Secret mounted at --cert-dir");
      assertFalse(args.contains("--self-managed-tls"), where + "no --self-managed-tls: " + args);
    }

    if (mode.flag("policy.enabled")) {
      assertTrue(args.contains("--policy=/etc/connectgate/config/policy.yaml"), where + "--policy: " + args);
      assertEquals("/etc/connectgate/config", mountOf(container, "config").getMountPath(), where + "policy mounted");
      assertEquals("connectgate-config", volume(pod, "config").getConfigMap().getName(), where + "policy ConfigMap");
    } else {
      assertFalse(args.stream().anyMatch(a -> a.startsWith("--policy")), where + "built-in policy: " + args);
    }

    if (mode.flag("deployJobs.enabled")) {
      assertTrue(args.contains("--deploy-jobs"), where + "--deploy-jobs: " + args);
      assertTrue(args.contains("--connect-url=" + mode.string("deployJobs.connectUrl")), where + "--connect-url: " + args);
      for (String allow : mode.list("deployJobs.connectUrlAllow")) {
        assertTrue(args.contains("--connect-url-allow=" + allow), where + "--connect-url-allow " + allow + ": " + args);
      }
      String jobImage = mode.string("deployJobs.jobImage").isEmpty() ? container.getImage() : mode.string("deployJobs.jobImage");
      assertTrue(args.contains("--job-image=" + jobImage), where + "--job-image: " + args);
      assertTrue(args.contains("--deploy-jobs-concurrency=" + mode.string("deployJobs.concurrency")),
          where + "--deploy-jobs-concurrency: " + args);
      assertEquals(!mode.string("deployJobs.jobTemplate").isEmpty(),
          args.contains("--job-template=/etc/connectgate/config/job-template.yaml"), where + "--job-template: " + args);
    } else {
      assertFalse(args.stream().anyMatch(a -> a.startsWith("--deploy-jobs") || a.startsWith("--connect-url")),
          where + "deploy-on-admission off: " + args);
    }

    if (!mode.string("clientCA.configMapName").isEmpty()) {
      assertTrue(args.contains("--client-ca=/etc/connectgate/client-ca/ca.crt"), where + "--client-ca: " + args);
      assertEquals(mode.string("clientCA.configMapName"), volume(pod, "client-ca").getConfigMap().getName(), where + "client CA");
    } else {
      assertFalse(args.stream().anyMatch(a -> a.startsWith("--client-ca")), where + "no mTLS: " + args);
    }
    if (registers(mode)) {
      assertTrue(args.contains("--register-webhooks=/etc/connectgate/webhooks/webhooks.yaml"),
          where + "the pods register the webhooks: " + args);
      assertTrue(args.contains("--register-owner=connectgate-webhook-registration"),
          where + "owned by the registration ClusterRole (garbage-collected with the release): " + args);
      assertEquals("/etc/connectgate/webhooks", mountOf(container, "webhooks").getMountPath(), where + "template mount");
      assertEquals("connectgate-webhooks", volume(pod, "webhooks").getConfigMap().getName(), where + "template ConfigMap");
    } else {
      assertFalse(args.stream().anyMatch(a -> a.startsWith("--register")), where + "nothing to register: " + args);
    }
  }

  static boolean registers(ChartMode mode) {
    return mode.flag("webhook.validating.enabled") || mode.flag("webhook.mutating.enabled");
  }

  @Test
  void policyLoadsAndItsCommentedExampleLoadsWhenUncommented() throws Exception {
    List<HasMetadata> objects = Charts.parse(Charts.template(Charts.connectgateChart(), null));
    ConfigMap config = Charts.ofType(objects, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals("connectgate-config")).findFirst()
        .orElseThrow(() -> new AssertionError("policy ConfigMap connectgate-config missing"));
    String policy = config.getData().get("policy.yaml");
    assertNotNull(policy, "policy.yaml key");
    // serve fails fast on a bad policy: the shipped one must load.
    Policy loaded = new PolicyLoader().parse(policy, "chart policy");
    assertEquals(Set.of(Rules.UNKNOWN_KEYS), loaded.rules().keySet(), "the default adds no rule to the built-ins");

    String uncommented = policy.lines().filter(l -> !l.startsWith("##"))
        .map(l -> l.startsWith("# ") ? l.substring(2) : l).collect(Collectors.joining("\n"));
    Policy example = new PolicyLoader().parse(uncommented, "chart policy, uncommented");
    assertEquals(Set.of(Rules.REQUIRE_ENCRYPTION, Rules.PLAINTEXT_CREDENTIALS, Rules.ALLOWED_BOOTSTRAP_SERVERS,
            Rules.MAX_TASKS, Rules.ALLOWED_CONNECTOR_CLASSES, Rules.UNKNOWN_KEYS), example.rules().keySet(),
        "the commented example shows every rule and is a valid policy once uncommented:\n" + uncommented);
    assertTrue(example.exempts("kafka-sandbox"), "the example's exemptNamespaces");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void auditCronJobOnlyWhenEnabled(ChartMode mode) {
    List<CronJob> cronJobs = Charts.ofType(Charts.parse(mode.render()), CronJob.class);
    if (!mode.flag("audit.enabled")) {
      assertEquals(List.of(), cronJobs, mode.name() + ": no audit CronJob");
      return;
    }
    assertEquals(1, cronJobs.size(), mode.name() + ": one audit CronJob");
    PodSpec pod = cronJobs.get(0).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertEquals("connectgate-audit", pod.getServiceAccountName(), "audit has its own ServiceAccount");
    List<String> args = pod.getContainers().get(0).getArgs();
    String ns = mode.string("audit.namespace");
    assertEquals(ns.isEmpty() ? List.of("audit", "-A") : List.of("audit", "-n", ns), args.subList(0, ns.isEmpty() ? 2 : 3),
        mode.name() + ": audit scope");
    assertHardened(pod.getContainers().get(0).getSecurityContext(), mode.name() + " audit: ");
  }

  @Test
  void uninstallHookDeletesBothWebhookConfigurationsFirst() {
    List<HasMetadata> objects = Charts.parse(Charts.templateWithHooks(Charts.connectgateChart(), null, Map.of()));
    Job job = Charts.ofType(objects, Job.class).stream()
        .filter(j -> j.getMetadata().getName().equals("connectgate-uninstall")).findFirst()
        .orElseThrow(() -> new AssertionError("pre-delete hook Job missing"));
    assertEquals("pre-delete", job.getMetadata().getAnnotations().get(Charts.UNHOOKED),
        "runs before helm uninstall deletes anything");
    String script = String.join("\n", job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
    for (String kind : List.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations")) {
      assertTrue(script.contains(kind + "/connectgate") || script.contains("$kind/connectgate") && script.contains(kind),
          "deletes " + kind + ": " + script);
    }
    assertHardened(job.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext(), "uninstall hook: ");
    assertFalse(Charts.parse(Charts.template(Charts.connectgateChart(), null)).stream()
            .anyMatch(o -> o.getMetadata().getName().equals("connectgate-uninstall")),
        "the hook is not part of the installed manifest");
  }

  static void assertHardened(SecurityContext sc, String where) {
    assertNotNull(sc, where + "container securityContext");
    assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), where + "runAsNonRoot");
    assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), where + "readOnlyRootFilesystem");
    assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), where + "allowPrivilegeEscalation false");
    assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), where + "drop ALL capabilities");
    assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), where + "no capability added");
    assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), where + "seccomp RuntimeDefault");
    assertFalse(Boolean.TRUE.equals(sc.getPrivileged()), where + "not privileged");
  }

  private static void assertProbe(HTTPGetAction get, String path, String which) {
    assertEquals(path, get.getPath(), which + " probe path");
    assertEquals("HTTPS", get.getScheme(), which + " probe scheme");
    assertEquals("https", get.getPort().getStrVal(), which + " probe port");
  }

  private static VolumeMount mountOf(Container container, String volume) {
    return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
        .orElseThrow(() -> new AssertionError("no mount of volume " + volume + ": " + container.getVolumeMounts()));
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name + ": " + pod.getVolumes()));
  }
}

package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Least privilege: in every mode the granted permissions are exactly those the enabled
 * features need, written out one grant at a time, with no wildcard anywhere.
 */
class RbacTest {

  private static final String WEBHOOK_SA = "connectgate/connectgate";
  private static final String AUDIT_SA = "connectgate/connectgate-audit";
  private static final String UNINSTALL_SA = "connectgate/connectgate-uninstall";

  static Stream<Arguments> modes() {
    return ChartMode.all(Charts.connectgateChart());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void noWildcards(ChartMode mode) {
    for (PolicyRule rule : rules(Charts.parse(mode.renderWithHooks()))) {
      for (List<String> field : List.of(rule.getVerbs(), rule.getResources(), rule.getApiGroups(),
          rule.getResourceNames() == null ? List.<String>of() : rule.getResourceNames())) {
        assertFalse(field.stream().anyMatch(v -> v.contains("*")), mode.name() + ": wildcard in " + rule);
      }
      assertTrue(rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(),
          mode.name() + ": no non-resource URLs: " + rule);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void grantsExactlyWhatTheEnabledFeaturesNeed(ChartMode mode) {
    Set<String> expected = new TreeSet<>();
    if (mode.string("tls.mode").equals("selfManaged")) {
      expected.add(WEBHOOK_SA + " connectgate: secrets create");
      expected.add(WEBHOOK_SA + " connectgate: secrets[connectgate-tls] get");
      expected.add(WEBHOOK_SA + " connectgate: secrets[connectgate-tls] update");
      for (String kind : List.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations")) {
        expected.add(WEBHOOK_SA + " *: admissionregistration.k8s.io/" + kind + "[connectgate] get");
        expected.add(WEBHOOK_SA + " *: admissionregistration.k8s.io/" + kind + "[connectgate] patch");
      }
    }
    if (DeploymentTest.registers(mode)) {
      for (String kind : List.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations")) {
        expected.add(WEBHOOK_SA + " *: admissionregistration.k8s.io/" + kind + " create");
        expected.add(WEBHOOK_SA + " *: admissionregistration.k8s.io/" + kind + "[connectgate] get");
        expected.add(WEBHOOK_SA + " *: admissionregistration.k8s.io/" + kind + "[connectgate] update");
      }
      expected.add(WEBHOOK_SA + " *: rbac.authorization.k8s.io/clusterroles[connectgate-webhook-registration] get");
      expected.add(WEBHOOK_SA + " connectgate: endpoints[connectgate] get");
    }
    if (mode.flag("deployJobs.enabled")) {
      List<String> namespaces = mode.list("deployJobs.namespaces");
      for (String ns : namespaces.isEmpty() ? List.of("*") : namespaces) {
        for (String verb : List.of("get", "list", "watch", "create", "delete")) {
          expected.add(WEBHOOK_SA + " " + ns + ": batch/jobs " + verb);
        }
        for (String verb : List.of("get", "list", "watch", "patch")) { // patch: the status annotation
          expected.add(WEBHOOK_SA + " " + ns + ": configmaps " + verb);
        }
        expected.add(WEBHOOK_SA + " " + ns + ": pods get"); // termination messages
        expected.add(WEBHOOK_SA + " " + ns + ": pods list");
        expected.add(WEBHOOK_SA + " " + ns + ": events create");
      }
      // Leader election: one Lease in the release namespace.
      expected.add(WEBHOOK_SA + " connectgate: coordination.k8s.io/leases create");
      expected.add(WEBHOOK_SA + " connectgate: coordination.k8s.io/leases[connectgate-deploy-controller] get");
      expected.add(WEBHOOK_SA + " connectgate: coordination.k8s.io/leases[connectgate-deploy-controller] patch");
    }
    if (mode.flag("audit.enabled")) {
      String ns = mode.string("audit.namespace").isEmpty() ? "*" : mode.string("audit.namespace");
      for (String verb : List.of("get", "list", "watch")) {
        expected.add(AUDIT_SA + " " + ns + ": configmaps " + verb);
      }
      // audit lists connector resources too (audit --resources): list only.
      expected.add(AUDIT_SA + " " + ns + ": kafka.strimzi.io/kafkaconnectors list");
      expected.add(AUDIT_SA + " " + ns + ": kafka.strimzi.io/kafkamirrormaker2s list");
      expected.add(AUDIT_SA + " " + ns + ": platform.confluent.io/connectors list");
    }
    if (mode.flag("uninstallHook.enabled") && mode.flag("deployJobs.enabled")) {
      // Connector lifecycle: the post-delete hook removes connectgate's finalizer (release-finalizers).
      List<String> namespaces = mode.list("deployJobs.namespaces");
      for (String ns : namespaces.isEmpty() ? List.of("*") : namespaces) {
        for (String verb : List.of("get", "list", "patch")) {
          expected.add("connectgate/connectgate-release-finalizers " + ns + ": configmaps " + verb);
        }
      }
    }
    if (mode.flag("uninstallHook.enabled")) {
      for (String kind : List.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations")) {
        expected.add(UNINSTALL_SA + " *: admissionregistration.k8s.io/" + kind + "[connectgate] delete");
      }
    }
    assertEquals(expected, grants(Charts.parse(mode.renderWithHooks())),
        mode.name() + ": granted permissions (subject namespace-or-*: group/resource[name] verb)");
  }

  /** Every (subject, scope, group/resource[name], verb) that the bindings grant. */
  static Set<String> grants(List<HasMetadata> objects) {
    Set<String> grants = new TreeSet<>();
    List<Role> roles = Charts.ofType(objects, Role.class);
    List<ClusterRole> clusterRoles = Charts.ofType(objects, ClusterRole.class);
    for (RoleBinding binding : Charts.ofType(objects, RoleBinding.class)) {
      RoleRef ref = binding.getRoleRef();
      String ns = binding.getMetadata().getNamespace();
      List<PolicyRule> rules = ref.getKind().equals("Role")
          ? roles.stream().filter(r -> r.getMetadata().getName().equals(ref.getName())
              && ns.equals(r.getMetadata().getNamespace())).findFirst()
              .orElseThrow(() -> new AssertionError("RoleBinding to a missing Role " + ref.getName() + " in " + ns))
              .getRules()
          : clusterRole(clusterRoles, ref.getName()).getRules();
      addGrants(grants, binding.getSubjects(), ns, rules);
    }
    for (ClusterRoleBinding binding : Charts.ofType(objects, ClusterRoleBinding.class)) {
      addGrants(grants, binding.getSubjects(), "*", clusterRole(clusterRoles, binding.getRoleRef().getName()).getRules());
    }
    return grants;
  }

  private static ClusterRole clusterRole(List<ClusterRole> clusterRoles, String name) {
    return clusterRoles.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("binding to a ClusterRole not in the chart: " + name));
  }

  private static void addGrants(Set<String> grants, List<Subject> subjects, String scope, List<PolicyRule> rules) {
    for (Subject subject : subjects) {
      assertEquals("ServiceAccount", subject.getKind(), "only the chart's ServiceAccounts are bound");
      String who = subject.getNamespace() + "/" + subject.getName();
      for (PolicyRule rule : rules) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            String target = (group.isEmpty() ? "" : group + "/") + resource;
            List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                ? List.of("") : rule.getResourceNames().stream().map(n -> "[" + n + "]").toList();
            for (String name : names) {
              for (String verb : rule.getVerbs()) {
                grants.add(who + " " + scope + ": " + target + name + " " + verb);
              }
            }
          }
        }
      }
    }
  }

  static List<PolicyRule> rules(List<HasMetadata> objects) {
    return Stream.concat(
        Charts.ofType(objects, Role.class).stream().flatMap(r -> r.getRules().stream()),
        Charts.ofType(objects, ClusterRole.class).stream().flatMap(r -> r.getRules().stream())).toList();
  }
}

package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The safety fields of both webhook configurations, in every documented mode. */
class WebhookConfigurationTest {

  static Stream<Arguments> modes() {
    return ChartMode.all(Charts.connectgateChart());
  }

  /** The fields both kinds share, read from either. */
  record Webhook(String name, WebhookClientConfig client, List<RuleWithOperations> rules,
      String failurePolicy, String sideEffects, List<String> reviewVersions, Integer timeout,
      LabelSelector namespaceSelector, LabelSelector objectSelector, List<MatchCondition> conditions,
      Map<String, String> annotations) {

    static Webhook of(ValidatingWebhookConfiguration c, ValidatingWebhook w) {
      return new Webhook(w.getName(), w.getClientConfig(), w.getRules(), w.getFailurePolicy(),
          w.getSideEffects(), w.getAdmissionReviewVersions(), w.getTimeoutSeconds(),
          w.getNamespaceSelector(), w.getObjectSelector(), w.getMatchConditions(),
          c.getMetadata().getAnnotations());
    }

    static Webhook of(MutatingWebhookConfiguration c, MutatingWebhook w) {
      return new Webhook(w.getName(), w.getClientConfig(), w.getRules(), w.getFailurePolicy(),
          w.getSideEffects(), w.getAdmissionReviewVersions(), w.getTimeoutSeconds(),
          w.getNamespaceSelector(), w.getObjectSelector(), w.getMatchConditions(),
          c.getMetadata().getAnnotations());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void validatingWebhookIsSafe(ChartMode mode) {
    List<HasMetadata> rendered = Charts.parse(mode.render());
    assertEquals(List.of(), Charts.ofType(rendered, ValidatingWebhookConfiguration.class),
        "the chart renders no ValidatingWebhookConfiguration: the pods register it once ready");
    List<HasMetadata> objects = Charts.registeredWebhooks(rendered);
    ValidatingWebhookConfiguration config = Charts.single(objects, ValidatingWebhookConfiguration.class);
    assertEquals("connectgate", config.getMetadata().getName(), "named after the release (--webhook-config)");
    assertEquals(1, config.getWebhooks().size(), "one validating webhook");
    assertSafe(mode, Webhook.of(config, config.getWebhooks().get(0)), "/validate");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void mutatingWebhookIsSafeAndReinvoked(ChartMode mode) {
    List<HasMetadata> rendered = Charts.parse(mode.render());
    assertEquals(List.of(), Charts.ofType(rendered, MutatingWebhookConfiguration.class),
        "the chart renders no MutatingWebhookConfiguration: the pods register it once ready");
    List<HasMetadata> objects = Charts.registeredWebhooks(rendered);
    MutatingWebhookConfiguration config = Charts.single(objects, MutatingWebhookConfiguration.class);
    assertEquals("connectgate", config.getMetadata().getName(), "named after the release (--webhook-config)");
    assertEquals(1, config.getWebhooks().size(), "one mutating webhook");
    MutatingWebhook webhook = config.getWebhooks().get(0);
    assertEquals("IfNeeded", webhook.getReinvocationPolicy(), "mutation is re-run after later mutations");
    assertSafe(mode, Webhook.of(config, webhook), "/mutate");
  }

  private static void assertSafe(ChartMode mode, Webhook webhook, String path) {
    String where = webhook.name() + " in " + mode.name() + ": ";
    assertTrue(webhook.name().endsWith(".connectgate.io"), where + "fully qualified webhook name");

    assertEquals("connectgate", webhook.client().getService().getName(), where + "service name");
    assertEquals("connectgate", webhook.client().getService().getNamespace(), where + "service namespace");
    assertEquals(path, webhook.client().getService().getPath(), where + "path");
    assertEquals(443, webhook.client().getService().getPort(), where + "service port");
    assertNull(webhook.client().getUrl(), where + "no URL: the API server goes through the Service");

    List<String> expectedRules = new java.util.ArrayList<>(List.of("/v1/configmaps"));
    if (mode.flag("connectorResources.strimzi.enabled")) {
      expectedRules.add("kafka.strimzi.io/v1beta2,v1/kafkaconnectors,kafkamirrormaker2s");
    }
    if (mode.flag("connectorResources.confluent.enabled")) {
      expectedRules.add("platform.confluent.io/v1beta1/connectors");
    }
    assertEquals(expectedRules, webhook.rules().stream().map(r -> String.join(",", r.getApiGroups()) + "/"
            + String.join(",", r.getApiVersions()) + "/" + String.join(",", r.getResources())).toList(),
        where + "ConfigMaps, plus the connector custom resources switched on");
    for (RuleWithOperations rule : webhook.rules()) {
      assertEquals(List.of("CREATE", "UPDATE"), rule.getOperations(), where + "CREATE and UPDATE only: " + rule);
      assertEquals("Namespaced", rule.getScope(), where + "namespaced objects only: " + rule);
    }

    assertEquals("NoneOnDryRun", webhook.sideEffects(), where + "sideEffects (dry runs are still sent)");
    assertEquals(List.of("v1"), webhook.reviewVersions(), where + "admissionReviewVersions");
    assertEquals(3, webhook.timeout(), where + "timeoutSeconds");
    String expectedPolicy = mode.string("webhook.failurePolicy");
    assertEquals(mode.valuesFile() == null ? "Fail" : expectedPolicy, webhook.failurePolicy(),
        where + "failurePolicy (Fail by default)");

    List<LabelSelectorRequirement> ns = webhook.namespaceSelector().getMatchExpressions();
    assertTrue(ns.stream().anyMatch(r -> r.getKey().equals("kubernetes.io/metadata.name")
            && r.getOperator().equals("NotIn")
            && r.getValues().containsAll(List.of("kube-system", Charts.NAMESPACE))),
        where + "namespaceSelector must exclude kube-system and the release namespace: " + ns);
    assertTrue(ns.stream().anyMatch(r -> r.getKey().equals("connectgate.io/ignore")
            && r.getOperator().equals("NotIn") && r.getValues().equals(List.of("true"))),
        where + "a namespace labelled connectgate.io/ignore=true opts out: " + ns);

    if (mode.string("webhook.inspect").equals("labelled")) {
      assertNotNull(webhook.objectSelector(), where + "labelled mode needs an objectSelector");
      List<LabelSelectorRequirement> obj = webhook.objectSelector().getMatchExpressions();
      assertTrue(obj.stream().anyMatch(r -> r.getKey().equals("connectgate.io/connector")
          && r.getOperator().equals("Exists")), where + "label must exist: " + obj);
      assertTrue(obj.stream().anyMatch(r -> r.getKey().equals("connectgate.io/connector")
              && r.getOperator().equals("NotIn") && r.getValues().equals(List.of("false"))),
          where + "label value \"false\" means not a connector: " + obj);
    } else {
      assertNull(webhook.objectSelector(), where + "all ConfigMaps inspected: no objectSelector");
    }

    if (mode.flag("webhook.matchConditions.enabled")) {
      assertEquals(1, webhook.conditions().size(), where + "one matchCondition");
      String cel = webhook.conditions().get(0).getExpression();
      for (String needle : List.of("-lock", "-leader", "leader-election",
          "control-plane.alpha.kubernetes.io/leader", "kube-root-ca.crt", "has(object.metadata.name)")) {
        assertTrue(cel.contains(needle), where + "matchCondition should handle " + needle + ": " + cel);
      }
    } else {
      assertTrue(webhook.conditions() == null || webhook.conditions().isEmpty(),
          where + "matchConditions off for Kubernetes < 1.28");
    }
    if (mode.valuesFile() == null) {
      assertTrue(mode.flag("webhook.matchConditions.enabled"), "matchConditions are on by default");
    }

    String tlsMode = mode.string("tls.mode");
    String inject = webhook.annotations() == null ? null
        : webhook.annotations().get("cert-manager.io/inject-ca-from");
    switch (tlsMode) {
      case "certManager" -> {
        assertEquals("connectgate/connectgate", inject, where + "cert-manager injects the CA");
        assertNull(webhook.client().getCaBundle(), where + "caBundle comes from cert-manager");
      }
      case "existingSecret" -> {
        assertNull(inject, where + "no cert-manager annotation");
        assertEquals(mode.string("tls.existingSecret.caBundle"), webhook.client().getCaBundle(),
            where + "caBundle from values");
      }
      default -> {
        assertEquals("selfManaged", tlsMode, where + "known TLS mode");
        assertNull(inject, where + "no cert-manager annotation");
        assertNull(webhook.client().getCaBundle(), where + "connectgate patches caBundle itself");
      }
    }
  }
}

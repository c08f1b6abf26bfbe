package io.connectgate.e2e;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * connectgate's two webhook configurations, as the chart declares them (configmaps
 * CREATE/UPDATE, {@code sideEffects: NoneOnDryRun}, {@code failurePolicy: Fail}, v1 reviews,
 * mutate with {@code reinvocationPolicy: IfNeeded}, {@code kube-system} excluded by
 * {@code kubernetes.io/metadata.name}), but pointing at a URL on loopback instead of a
 * Service.
 *
 * <p>Namespace selection, and why it differs from the chart: the configurations are
 * cluster-scoped and the control plane is shared by every e2e class, so each registration
 * also requires {@value #INSTANCE_LABEL}={@code instance}: only namespaces a class labelled
 * for itself reach its server. kube-apiserver 1.20 does not yet set
 * {@code kubernetes.io/metadata.name} (1.21+ does, on every namespace), so tests set it
 * themselves ({@link TestNamespaces}) wherever the chart's exclusion must be exercised.
 */
public final class WebhookRegistration implements AutoCloseable {

  public static final String INSTANCE_LABEL = "e2e.connectgate.io/instance";
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";
  static final List<String> EXCLUDED_NAMESPACES = List.of("kube-system");
  static final String VALIDATING_WEBHOOK = "validate.connectgate.io";
  static final String MUTATING_WEBHOOK = "mutate.connectgate.io";
  // Generous for a busy 2-core machine; serve answers a little before it (ReviewDeadline).
  private static final int TIMEOUT_SECONDS = 10;

  private final KubernetesClient client;
  private final String name;

  private WebhookRegistration(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** Creates both configurations, named {@code name}, calling {@code server}. */
  static WebhookRegistration register(KubernetesClient client, String name, ConnectgateServer server,
      String instance) {
    return register(client, name, server.url("/"), server.caPem(), instance);
  }

  /**
   * Creates both configurations, named {@code name}, calling {@code base}'s {@code /mutate} and
   * {@code /validate} (a server in another process: the benchmarks' child {@code serve}).
   */
  public static WebhookRegistration register(KubernetesClient client, String name, java.net.URI base,
      String caPem, String instance) {
    WebhookRegistration registration = new WebhookRegistration(client, name);
    String caBundle = Pem.base64(caPem);
    try {
      client.admissionRegistration().v1().mutatingWebhookConfigurations()
          .resource(mutating(name, base.resolve("/mutate").toString(), caBundle, instance)).create();
      client.admissionRegistration().v1().validatingWebhookConfigurations()
          .resource(validating(name, base.resolve("/validate").toString(), caBundle, instance)).create();
      return registration;
    } catch (RuntimeException e) {
      registration.close();
      throw e;
    }
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete();
    client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).delete();
  }

  private static MutatingWebhookConfiguration mutating(String name, String url, String caBundle, String instance) {
    return new MutatingWebhookConfigurationBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .addNewWebhook()
          .withName(MUTATING_WEBHOOK)
          .withNewClientConfig().withUrl(url).withCaBundle(caBundle).endClientConfig()
          .withRules(configMapRule())
          .withNamespaceSelector(namespaceSelector(instance))
          .withFailurePolicy("Fail")
          .withMatchPolicy("Equivalent")
          .withSideEffects("NoneOnDryRun")
          .withAdmissionReviewVersions("v1")
          .withTimeoutSeconds(TIMEOUT_SECONDS)
          .withReinvocationPolicy("IfNeeded")
        .endWebhook()
        .build();
  }

  private static ValidatingWebhookConfiguration validating(String name, String url, String caBundle, String instance) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .addNewWebhook()
          .withName(VALIDATING_WEBHOOK)
          .withNewClientConfig().withUrl(url).withCaBundle(caBundle).endClientConfig()
          .withRules(configMapRule())
          .withNamespaceSelector(namespaceSelector(instance))
          .withFailurePolicy("Fail")
          .withMatchPolicy("Equivalent")
          .withSideEffects("NoneOnDryRun")
          .withAdmissionReviewVersions("v1")
          .withTimeoutSeconds(TIMEOUT_SECONDS)
        .endWebhook()
        .build();
  }

  private static RuleWithOperations configMapRule() {
    return new RuleWithOperationsBuilder()
        .withApiGroups("").withApiVersions("v1").withResources("configmaps")
        .withOperations("CREATE", "UPDATE").withScope("Namespaced")
        .build();
  }

  private static LabelSelector namespaceSelector(String instance) {
    return new LabelSelectorBuilder()
        .addToMatchLabels(INSTANCE_LABEL, instance)
        .addNewMatchExpression().withKey(NAME_LABEL).withOperator("NotIn")
          .withValues(EXCLUDED_NAMESPACES).endMatchExpression()
        .build();
  }
}

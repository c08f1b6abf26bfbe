package io.connectgate.kube;

import io.connectgate.tls.CaBundleTarget;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code caBundle} of every webhook in the Validating- and MutatingWebhookConfigurations with
 * the given names. Only get and patch by name (what the chart's ClusterRole allows). A JSON
 * patch per configuration, one {@code add} per webhook that differs, each guarded by a
 * {@code test} of that webhook's name so that a configuration edited in between (webhooks
 * added or reordered) makes the patch fail instead of landing on the wrong webhook; the next
 * pass retries. A configuration that does not exist (yet: the chart may create it after the
 * pod starts) is reported once and looked up again on every pass.
 */
public final class WebhookCaBundle implements CaBundleTarget {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookCaBundle.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One webhook as far as the bundle goes. */
  private record Hook(String name, String caBundle) {}

  private enum Kind { VALIDATING, MUTATING }

  private final KubernetesClient client;
  private final List<String> names;
  private final Set<String> reportedMissing = new HashSet<>();

  public WebhookCaBundle(KubernetesClient client, List<String> names) {
    this.client = client;
    this.names = List.copyOf(names);
  }

  @Override
  public void publish(String bundlePem) {
    String encoded = Base64.getEncoder().encodeToString(bundlePem.getBytes(StandardCharsets.US_ASCII));
    List<String> failures = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (String name : names) {
        try {
          publish(kind, name, encoded);
        } catch (KubeCallException e) {
          failures.add(e.getMessage());
        }
      }
    }
    if (!failures.isEmpty()) {
      throw KubeCallException.aggregate(String.join("; ", failures));
    }
  }

  private void publish(Kind kind, String name, String encoded) {
    Optional<List<Hook>> hooks = hooks(kind, name);
    String what = label(kind) + " " + name;
    if (hooks.isEmpty()) {
      if (reportedMissing.add(what)) {
        LOG.warn("self-managed TLS: {} not found; caBundle will be set once it exists", what);
      }
      return;
    }
    reportedMissing.remove(what);
    ArrayNode patch = JSON.createArrayNode();
    List<Hook> list = hooks.get();
    for (int i = 0; i < list.size(); i++) {
      if (encoded.equals(list.get(i).caBundle())) {
        continue;
      }
      patch.addObject().put("op", "test").put("path", "/webhooks/" + i + "/name").put("value", list.get(i).name());
      // add replaces an existing member, so the same operation works with or without a caBundle.
      patch.addObject().put("op", "add").put("path", "/webhooks/" + i + "/clientConfig/caBundle").put("value", encoded);
    }
    if (patch.isEmpty()) {
      return;
    }
    String body = JSON.writeValueAsString(patch);
    try {
      PatchContext json = PatchContext.of(PatchType.JSON);
      switch (kind) {
        case VALIDATING -> client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).patch(json, body);
        case MUTATING -> client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).patch(json, body);
      }
    } catch (KubernetesClientException e) {
      throw KubeCallException.of("patch caBundle of " + what, e);
    }
    LOG.info("self-managed TLS: caBundle set on {} webhook(s) of {}", patch.size() / 2, what);
  }

  @Override
  public boolean trusts(X509Certificate ca) {
    for (Kind kind : Kind.values()) {
      for (String name : names) {
        for (Hook hook : hooks(kind, name).orElse(List.of())) {
          if (!bundleContains(hook.caBundle(), ca)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean bundleContains(String encoded, X509Certificate ca) {
    if (encoded == null || encoded.isEmpty()) {
      return false;
    }
    try {
      byte[] pem = Base64.getDecoder().decode(encoded);
      return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).contains(ca);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // not a bundle we can read: it will be replaced by ours
    }
  }

  private Optional<List<Hook>> hooks(Kind kind, String name) {
    try {
      return switch (kind) {
        case VALIDATING -> {
          ValidatingWebhookConfiguration c =
              client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get();
          yield c == null ? Optional.empty() : Optional.of(
              listOf(c.getWebhooks()).stream().map(w -> hook(w.getName(), w.getClientConfig())).toList());
        }
        case MUTATING -> {
          MutatingWebhookConfiguration c =
              client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).get();
          yield c == null ? Optional.empty() : Optional.of(
              listOf(c.getWebhooks()).stream().map(w -> hook(w.getName(), w.getClientConfig())).toList());
        }
      };
    } catch (KubernetesClientException e) {
      throw KubeCallException.of("get " + label(kind) + " " + name, e);
    }
  }

  private static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Hook hook(String name, WebhookClientConfig config) {
    return new Hook(name, config == null ? null : config.getCaBundle());
  }

  private static String label(Kind kind) {
    return kind == Kind.VALIDATING ? "ValidatingWebhookConfiguration" : "MutatingWebhookConfiguration";
  }
}

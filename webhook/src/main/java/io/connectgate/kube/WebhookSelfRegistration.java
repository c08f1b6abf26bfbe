package io.connectgate.kube;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The running pod registers its own webhook configurations (as Kyverno does), so that an
 * install whose pods never become ready registers nothing and cannot block a single write.
 *
 * <p>The desired configurations are a YAML file (the chart renders it into a ConfigMap): every
 * Validating- and MutatingWebhookConfiguration in it is created, or updated when the file
 * changed since it was last applied (the {@value #TEMPLATE_HASH} annotation), when its
 * webhooks were renamed or when a caBundle is missing. Nothing happens while a webhook's
 * Service has no ready endpoint, so the API server is never pointed at a Service nobody
 * serves. A caBundle is taken from the file, else kept from the live object (self-managed
 * TLS or cert-manager's CA injector keep it current), else seeded from {@code caFile}. The
 * owner ClusterRole, when given, becomes an ownerReference: deleting the release (helm
 * uninstall, GitOps pruning, {@code kubectl delete -f}) deletes the ClusterRole and the
 * garbage collector then deletes the configurations, which no manifest lists.
 *
 * <p>Edits made by hand to a live configuration (e.g. failurePolicy Ignore while breaking
 * glass) are left alone until the file changes. Blocking calls.
 */
public final class WebhookSelfRegistration {

  public static final String TEMPLATE_HASH = "connectgate.io/registration-hash";

  /** What one pass did. */
  public enum Outcome {
    /** A webhook's Service has no ready endpoint yet: nothing registered. */
    WAITING,
    /** Every configuration is as the file says. */
    UNCHANGED,
    /** At least one configuration was created or updated. */
    APPLIED
  }

  private final KubernetesClient client;
  private final Path template;
  private final Path caFile;
  private final String ownerClusterRole;

  /**
   * @param template YAML file of the configurations to register
   * @param caFile PEM CA that signed the serving certificate (seeds a missing caBundle)
   * @param ownerClusterRole name of the ClusterRole that owns them, or null for no owner
   */
  public WebhookSelfRegistration(KubernetesClient client, Path template, Path caFile, String ownerClusterRole) {
    this.client = client;
    this.template = template;
    this.caFile = caFile;
    this.ownerClusterRole = ownerClusterRole;
  }

  /** One pass; a {@link KubeCallException} for a failed API call, IllegalStateException for a bad file. */
  public Outcome ensure() {
    String text = read(template);
    List<HasMetadata> desired = parse(text);
    String hash = hash(text);
    for (ServiceReference service : services(desired)) {
      if (!hasReadyEndpoint(service)) {
        return Outcome.WAITING;
      }
    }
    OwnerReference owner = owner();
    boolean applied = false;
    for (HasMetadata config : desired) {
      applied |= apply(config, hash, owner);
    }
    return applied ? Outcome.APPLIED : Outcome.UNCHANGED;
  }

  /** The Services the webhooks call, each once. */
  static Set<ServiceReference> services(List<HasMetadata> configs) {
    Set<ServiceReference> services = new LinkedHashSet<>();
    for (HasMetadata config : configs) {
      for (Hook hook : hooks(config)) {
        if (hook.client().getService() != null) {
          services.add(hook.client().getService());
        }
      }
    }
    return services;
  }

  private boolean hasReadyEndpoint(ServiceReference service) {
    Endpoints endpoints;
    try {
      endpoints = client.endpoints().inNamespace(service.getNamespace()).withName(service.getName()).get();
    } catch (KubernetesClientException e) {
      throw KubeCallException.of("get Endpoints " + service.getNamespace() + "/" + service.getName(), e);
    }
    if (endpoints == null || endpoints.getSubsets() == null) {
      return false;
    }
    for (EndpointSubset subset : endpoints.getSubsets()) {
      if (subset.getAddresses() != null && !subset.getAddresses().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private OwnerReference owner() {
    if (ownerClusterRole == null) {
      return null;
    }
    ClusterRole role;
    try {
      role = client.rbac().clusterRoles().withName(ownerClusterRole).get();
    } catch (KubernetesClientException e) {
      throw KubeCallException.of("get ClusterRole " + ownerClusterRole, e);
    }
    if (role == null) {
      throw new IllegalStateException("owner ClusterRole " + ownerClusterRole + " not found (being uninstalled?)");
    }
    return new OwnerReferenceBuilder().withApiVersion("rbac.authorization.k8s.io/v1").withKind("ClusterRole")
        .withName(ownerClusterRole).withUid(role.getMetadata().getUid()).build();
  }

  /** Creates or updates one configuration; true when it wrote. */
  private boolean apply(HasMetadata wanted, String hash, OwnerReference owner) {
    String what = wanted.getKind() + " " + wanted.getMetadata().getName();
    HasMetadata live;
    try {
      live = client.resource(wanted).get();
    } catch (KubernetesClientException e) {
      throw KubeCallException.of("get " + what, e);
    }
    if (live != null && upToDate(live, hash, owner, hooks(wanted))) {
      return false;
    }
    Map<String, String> liveBundles = new LinkedHashMap<>();
    if (live != null) {
      hooks(live).forEach(h -> liveBundles.put(h.name(), h.client().getCaBundle()));
    }
    for (Hook hook : hooks(wanted)) {
      if (isBlank(hook.client().getCaBundle())) {
        String kept = liveBundles.get(hook.name());
        hook.client().setCaBundle(isBlank(kept) ? seedBundle(hook.name()) : kept);
      }
    }
    ObjectMeta meta = wanted.getMetadata();
    meta.setAnnotations(merged(live == null ? null : live.getMetadata().getAnnotations(), meta.getAnnotations()));
    meta.getAnnotations().put(TEMPLATE_HASH, hash);
    meta.setLabels(merged(live == null ? null : live.getMetadata().getLabels(), meta.getLabels()));
    meta.setOwnerReferences(owner == null ? null : List.of(owner));
    try {
      if (live == null) {
        client.resource(wanted).create();
      } else {
        meta.setResourceVersion(live.getMetadata().getResourceVersion());
        client.resource(wanted).update();
      }
    } catch (KubernetesClientException e) {
      if (live == null && e.getCode() == 409) {
        return false; // another replica created it meanwhile; the next pass compares it
      }
      throw KubeCallException.of((live == null ? "create " : "update ") + what, e);
    }
    return true;
  }

  private static boolean upToDate(HasMetadata live, String hash, OwnerReference owner, List<Hook> wanted) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (annotations == null || !hash.equals(annotations.get(TEMPLATE_HASH))) {
      return false;
    }
    List<OwnerReference> owners = live.getMetadata().getOwnerReferences();
    if (owner != null && (owners == null
        || owners.stream().noneMatch(o -> Objects.equals(o.getUid(), owner.getUid())))) {
      return false;
    }
    List<Hook> hooks = hooks(live);
    if (!hooks.stream().map(Hook::name).toList().equals(wanted.stream().map(Hook::name).toList())) {
      return false;
    }
    return hooks.stream().noneMatch(h -> isBlank(h.client().getCaBundle()));
  }

  private String seedBundle(String webhook) {
    if (caFile == null || !Files.isReadable(caFile)) {
      throw new IllegalStateException("no caBundle for webhook " + webhook + ": none in the template, none live,"
          + " and no readable CA file " + caFile);
    }
    try {
      return Base64.getEncoder().encodeToString(Files.readAllBytes(caFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + caFile, e);
    }
  }

  /** Both configuration kinds' webhooks, as name and clientConfig (mutable: the object's own). */
  record Hook(String name, WebhookClientConfig client) {}

  static List<Hook> hooks(HasMetadata config) {
    List<Hook> hooks = new ArrayList<>();
    if (config instanceof ValidatingWebhookConfiguration v && v.getWebhooks() != null) {
      v.getWebhooks().forEach(w -> hooks.add(new Hook(w.getName(), clientConfig(w.getClientConfig(), w::setClientConfig))));
    } else if (config instanceof MutatingWebhookConfiguration m && m.getWebhooks() != null) {
      m.getWebhooks().forEach(w -> hooks.add(new Hook(w.getName(), clientConfig(w.getClientConfig(), w::setClientConfig))));
    }
    return hooks;
  }

  private static WebhookClientConfig clientConfig(WebhookClientConfig config,
      java.util.function.Consumer<WebhookClientConfig> setter) {
    if (config != null) {
      return config;
    }
    WebhookClientConfig empty = new WebhookClientConfig();
    setter.accept(empty);
    return empty;
  }

  /** The configurations of a template; anything else in it is an error (listed at once). */
  List<HasMetadata> parse(String text) {
    Object parsed;
    try {
      parsed = client.getKubernetesSerialization().unmarshal(text);
    } catch (RuntimeException e) {
      throw new IllegalStateException(template + " is not Kubernetes YAML: " + e.getClass().getSimpleName());
    }
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      list.stream().filter(Objects::nonNull).forEach(o -> objects.add((HasMetadata) o));
    } else if (parsed instanceof HasMetadata single) {
      objects.add(single);
    }
    List<String> problems = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (!(object instanceof ValidatingWebhookConfiguration || object instanceof MutatingWebhookConfiguration)) {
        problems.add(object.getKind() + " is not a webhook configuration");
      } else if (object.getMetadata() == null || isBlank(object.getMetadata().getName())) {
        problems.add(object.getKind() + " without metadata.name");
      } else if (hooks(object).isEmpty()) {
        problems.add(object.getKind() + " " + object.getMetadata().getName() + " has no webhooks");
      }
    }
    if (objects.isEmpty()) {
      problems.add("no webhook configuration");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(template + ": " + String.join("; ", problems));
    }
    return objects;
  }

  private static Map<String, String> merged(Map<String, String> live, Map<String, String> wanted) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (live != null) merged.putAll(live);
    if (wanted != null) merged.putAll(wanted);
    return merged;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the webhook template " + file + ": " + e.getClass().getSimpleName());
    }
  }

  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}

package io.connectgate.kube;

import io.connectgate.connector.ConnectorResource;
import io.connectgate.connector.ConnectorResourceKind;
import io.connectgate.connector.ConnectorResources;
import io.connectgate.connector.Origin;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the connector custom resources of one kind (Strimzi {@code KafkaConnector}, Confluent
 * for Kubernetes {@code Connector}) in one namespace or the whole cluster, a page at a time as
 * {@link ClusterConfigMaps} walks ConfigMaps, and reads each with {@link ConnectorResources#read}
 * (the conversion validate and the webhook use) so the audit judges it as they do.
 *
 * <p>The resources are listed as generic ones: connectgate carries no model of other operators'
 * CRDs. A cluster runs Strimzi, CFK, both or neither, so a kind whose CRD is not installed is no
 * error: {@link #forEach} says so by returning no page count.
 *
 * <p>Strimzi serves {@code v1beta2}, and from 0.49 also {@code v1} (then {@code v1beta2} is
 * deprecated and answers with warnings): the version listed is the one API discovery prefers,
 * when connectgate reads it, else the group's next served version connectgate reads.
 */
public final class ClusterConnectorResources {

  private final KubernetesClient client;
  private final ConnectorResourceKind kind;
  private final int pageSize;
  private final JsonMapper json = JsonMapper.builder().build();

  public ClusterConnectorResources(KubernetesClient client, ConnectorResourceKind kind, int pageSize) {
    this.client = client;
    this.kind = kind;
    this.pageSize = ListPages.checked(pageSize);
  }

  /**
   * @param namespace a namespace, or null for all namespaces
   * @param each called with every resource: where it is (its kind, namespace and name) and the
   *     connector it stands for
   * @return the number of pages fetched, or empty when the kind's CRD is not installed (no
   *     version connectgate reads is served)
   * @throws ListForbiddenException when RBAC does not grant list on the resource
   */
  public OptionalInt forEach(String namespace, BiConsumer<Origin, ConnectorResource> each) {
    int[] pagesSeen = {0};
    for (String version : servedVersions()) {
      try {
        return OptionalInt.of(ListPages.walk(kind.group(), kind.plural(), namespace, pageSize,
            options -> list(version, namespace, options), page -> {
              pagesSeen[0]++;
              page.getItems().forEach(r -> each.accept(origin(r), read(r)));
            }));
      } catch (KubernetesClientException e) {
        // A 404 on the first page: this version is not served after all (a CRD of the group
        // without this kind, or one removed since discovery). Later, the walk is incomplete.
        if (e.getCode() != 404 || pagesSeen[0] > 0) {
          throw e;
        }
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The versions of the kind's group to try, in order: the preferred one, then the others
   * served, of those connectgate reads; none when the group is not served at all.
   */
  List<String> servedVersions() {
    APIGroup group = client.getApiGroup(kind.group()); // null on 404: no CRD of the group
    if (group == null) {
      return List.of();
    }
    List<String> order = new ArrayList<>();
    if (group.getPreferredVersion() != null) {
      order.add(group.getPreferredVersion().getVersion());
    }
    for (GroupVersionForDiscovery v : group.getVersions()) {
      order.add(v.getVersion());
    }
    return order.stream().distinct().filter(kind.versions()::contains).toList();
  }

  private GenericKubernetesResourceList list(String version, String namespace, ListOptions options) {
    var resources = client.genericKubernetesResources(context(kind, version));
    return namespace == null
        ? resources.inAnyNamespace().list(options)
        : resources.inNamespace(namespace).list(options);
  }

  /** Where resources of {@code kind} live in {@code version}: no further discovery needed. */
  static ResourceDefinitionContext context(ConnectorResourceKind kind, String version) {
    return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(version)
        .withPlural(kind.plural()).withKind(kind.kind()).withNamespaced(true).build();
  }

  private Origin origin(GenericKubernetesResource r) {
    return Origin.clusterResource(kind.kind(), r.getMetadata().getNamespace(), r.getMetadata().getName());
  }

  /** The resource as the JSON tree validate and the webhook read (never logged: it may hold secrets). */
  private ConnectorResource read(GenericKubernetesResource r) {
    JsonNode tree = json.readTree(client.getKubernetesSerialization().asJson(r));
    return ConnectorResources.read(tree, kind, r.getMetadata().getName());
  }
}

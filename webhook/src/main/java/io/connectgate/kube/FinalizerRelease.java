package io.connectgate.kube;

import io.connectgate.deploy.CleanupKeys;
import io.connectgate.deploy.DeployKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes {@value CleanupKeys#FINALIZER} from every ConfigMap labelled
 * {@value DeployKeys#SELECTOR} (the controller's set) or {@value CleanupKeys#DELETE_LABEL}
 * {@code =true} in the given namespaces or the whole cluster, leaving every other finalizer as it was: what the chart's uninstall hook runs, so
 * no ConfigMap waits for a controller that is gone. Their connectors stay in Kafka Connect.
 * Each write carries the resourceVersion read; a conflict is read again (at most 5 times).
 */
public final class FinalizerRelease {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int TRIES = 5;

  private final KubernetesClient client;
  private final Consumer<String> log;

  public FinalizerRelease(KubernetesClient client, Consumer<String> log) {
    this.client = client;
    this.log = log;
  }

  /** @param namespaces empty: every namespace. Returns how many ConfigMaps were released. */
  public int release(List<String> namespaces) {
    Map<String, ConfigMap> labelled = new LinkedHashMap<>(); // by uid: a ConfigMap with both labels once
    for (String label : List.of(DeployKeys.DEPLOY_LABEL, CleanupKeys.DELETE_LABEL)) {
      if (namespaces.isEmpty()) {
        client.configMaps().inAnyNamespace().withLabel(label, "true").list().getItems()
            .forEach(cm -> labelled.put(cm.getMetadata().getUid(), cm));
      } else {
        for (String ns : namespaces) {
          client.configMaps().inNamespace(ns).withLabel(label, "true").list().getItems()
              .forEach(cm -> labelled.put(cm.getMetadata().getUid(), cm));
        }
      }
    }
    int released = 0;
    for (ConfigMap cm : labelled.values()) {
      if (has(cm) && releaseOne(cm)) released++;
    }
    return released;
  }

  private boolean releaseOne(ConfigMap seen) {
    String ns = seen.getMetadata().getNamespace();
    String name = seen.getMetadata().getName();
    ConfigMap cm = seen;
    for (int attempt = 1; ; attempt++) {
      if (cm == null || !has(cm)) return false;
      List<String> rest = new ArrayList<>(cm.getMetadata().getFinalizers());
      rest.remove(CleanupKeys.FINALIZER);
      ObjectNode patch = JSON.createObjectNode();
      ObjectNode meta = patch.putObject("metadata");
      meta.put("resourceVersion", cm.getMetadata().getResourceVersion());
      ArrayNode list = meta.putArray("finalizers");
      rest.forEach(list::add);
      try {
        client.configMaps().inNamespace(ns).withName(name)
            .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
        log.accept("released " + ns + "/" + name);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) return false;
        if (e.getCode() != 409 || attempt >= TRIES) throw e;
        cm = client.configMaps().inNamespace(ns).withName(name).get();
      }
    }
  }

  private static boolean has(ConfigMap cm) {
    return cm.getMetadata().getFinalizers() != null && cm.getMetadata().getFinalizers().contains(CleanupKeys.FINALIZER);
  }
}

package io.connectgate.kube;

import io.connectgate.tls.TlsSecretStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The self-managed TLS Secret over the API: get, create, update, all by name (what the chart's
 * Role allows). Updates carry the resourceVersion read, so concurrent writers get 409 instead
 * of overwriting each other. Errors are reported by verb, code and reason only: an API
 * message could echo what was sent.
 */
public final class KubeTlsSecretStore implements TlsSecretStore {

  static final String TLS_TYPE = "kubernetes.io/tls";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public KubeTlsSecretStore(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  @Override
  public Optional<Stored> read() {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw KubeCallException.of("get Secret " + describe(), e);
    }
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.US_ASCII)));
    }
    return Optional.of(new Stored(data, secret.getMetadata().getResourceVersion()));
  }

  @Override
  public boolean create(Map<String, String> data) {
    try {
      client.secrets().inNamespace(namespace).resource(secret(data, null)).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false; // AlreadyExists: another replica created it first
      }
      throw KubeCallException.of("create Secret " + describe(), e);
    }
  }

  @Override
  public boolean update(Map<String, String> data, String resourceVersion) {
    try {
      client.secrets().inNamespace(namespace).resource(secret(data, resourceVersion)).update();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw KubeCallException.of("update Secret " + describe(), e);
    }
  }

  @Override
  public String describe() {
    return namespace + "/" + name;
  }

  private Secret secret(Map<String, String> data, String resourceVersion) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.US_ASCII))));
    return new SecretBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .withResourceVersion(resourceVersion)
          .addToLabels("app.kubernetes.io/managed-by", "connectgate")
          .addToAnnotations("connectgate.io/description",
              "connectgate --self-managed-tls: CA and serving certificate, rotated automatically; do not edit")
        .endMetadata()
        .withType(TLS_TYPE)
        .withData(encoded)
        .build();
  }
}

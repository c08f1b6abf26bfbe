package io.connectgate.admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One owner per connector (issue #16): a ConfigMap labelled {@value #DEPLOY_LABEL}{@code =true}
 * that declares a connector another such ConfigMap owns (same Connect URL, same name, in any
 * namespace) is denied, naming the owner. {@code PUT /connectors/NAME/config} is an upsert, so
 * without this one team could silently replace another team's connector. The index behind
 * {@link ConnectorOwners} is the API server's stored state; unlabelled ConfigMaps are never
 * deployed and never checked.
 */
public final class OwnershipCheck {

  static final String DEPLOY_LABEL = "connectgate.io/deploy";
  static final String CONNECT_URL_ANNOTATION = "connectgate.io/connect-url";

  private final ConnectorOwners owners;
  private final String defaultUrl;

  /** @param defaultUrl the controller's normalised --connect-url */
  public OwnershipCheck(ConnectorOwners owners, String defaultUrl) {
    this.owners = owners;
    this.defaultUrl = defaultUrl;
  }

  /** The denial message, or null when every declared connector is free or this ConfigMap's. */
  public String conflict(AdmissionRequest request) {
    JsonNode object = request.object();
    if (object == null || !"true".equals(object.path("metadata").path("labels").path(DEPLOY_LABEL).asString(""))) {
      return null;
    }
    String url = connectUrl(object.path("metadata").path("annotations").path(CONNECT_URL_ANNOTATION).asString(""));
    if (url == null) {
      return null; // an unusable URL: the controller refuses it and deploys nothing
    }
    String namespace = request.namespace();
    String name = object.path("metadata").path("name").asString(request.name());
    List<String> conflicts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : object.path("data").properties()) {
      if (entry.getValue().isString()) {
        String conflict = conflictOf(namespace, name, url, entry.getKey(), entry.getValue().stringValue());
        if (conflict != null) conflicts.add(conflict);
      }
    }
    return conflicts.isEmpty() ? null : String.join("; ", conflicts);
  }

  /**
   * The same check on a stored labelled ConfigMap (the deploy controller's: one stored while
   * the webhook was not called is not deployed over another ConfigMap's connector).
   *
   * @return per data key, why its connector is another ConfigMap's; empty when none is
   */
  public Map<String, String> conflicts(String namespace, String name, String connectUrlAnnotation,
      Map<String, String> data) {
    String url = connectUrl(connectUrlAnnotation == null ? "" : connectUrlAnnotation);
    Map<String, String> conflicts = new LinkedHashMap<>();
    if (url == null || data == null) {
      return conflicts;
    }
    data.forEach((key, text) -> {
      String conflict = text == null ? null : conflictOf(namespace, name, url, key, text);
      if (conflict != null) conflicts.put(key, conflict);
    });
    return conflicts;
  }

  /**
   * The ConfigMap other than {@code namespace/name} that owns {@code connector} at the
   * normalised {@code connectUrl}; empty when it is this one's or nobody's.
   */
  public Optional<ConnectorOwners.Owner> otherOwner(String namespace, String name, String connectUrl,
      String connector) {
    return owners.ownerOf(connectUrl, connector)
        .filter(owner -> !(owner.namespace().equals(namespace) && owner.name().equals(name)));
  }

  private String conflictOf(String namespace, String name, String url, String key, String text) {
    if (!key.endsWith(".json")) return null;
    String connector = ConnectorName.of(text);
    if (connector == null) return null;
    return otherOwner(namespace, name, url, connector)
        .map(owner -> "data[" + key + "]: connector " + connector + " at " + url + " belongs to ConfigMap " + owner
            + "; one connector has one owning ConfigMap")
        .orElse(null);
  }

  private String connectUrl(String annotation) {
    if (annotation == null || annotation.isBlank()) return defaultUrl;
    return ConnectUrlAllowList.normalize(annotation);
  }
}

package io.connectgate.admission;

import java.util.ArrayList;
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
      if (!entry.getKey().endsWith(".json") || !entry.getValue().isString()) continue;
      String connector = ConnectorName.of(entry.getValue().stringValue());
      if (connector == null) continue;
      Optional<ConnectorOwners.Owner> owner = owners.ownerOf(url, connector);
      if (owner.isPresent() && !(owner.get().namespace().equals(namespace) && owner.get().name().equals(name))) {
        conflicts.add("data[" + entry.getKey() + "]: connector " + connector + " at " + url
            + " belongs to ConfigMap " + owner.get() + "; one connector has one owning ConfigMap");
      }
    }
    return conflicts.isEmpty() ? null : String.join("; ", conflicts);
  }

  private String connectUrl(String annotation) {
    if (annotation == null || annotation.isBlank()) return defaultUrl;
    return ConnectUrlAllowList.normalize(annotation);
  }
}

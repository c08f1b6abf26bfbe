package io.connectgate.deploy;

import io.connectgate.admission.ConnectUrlAllowList;
import java.util.Set;

/**
 * What the deploy controller is configured with.
 *
 * @param connectUrl the default Connect URL, normalised ({@link ConnectUrlAllowList#normalize})
 * @param allowList the URLs a {@value DeployKeys#CONNECT_URL_ANNOTATION} annotation may name
 * @param refusedNamespaces namespaces never deployed in, whatever RBAC allows (kube-system and
 *     connectgate's own when it watches the whole cluster)
 */
public record DeploySettings(String connectUrl, ConnectUrlAllowList allowList, Set<String> refusedNamespaces) {

  public DeploySettings {
    refusedNamespaces = Set.copyOf(refusedNamespaces);
  }

  /** The URL an entry goes to: the annotation's (normalised, or as written when unusable) or the default. */
  public String effectiveUrl(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return connectUrl;
    }
    String normalized = ConnectUrlAllowList.normalize(annotation);
    return normalized == null ? annotation.strip() : normalized;
  }

  /** Why the annotation's URL may not be used, or null when it may. */
  public String urlRefusal(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return null;
    }
    String what = "annotation " + DeployKeys.CONNECT_URL_ANNOTATION + ": ";
    String normalized = ConnectUrlAllowList.normalize(annotation);
    if (normalized == null) {
      return what + "not an http(s) URL with a host and without user info, query or fragment";
    }
    if (normalized.equals(connectUrl) || allowList.allows(normalized)) {
      return null;
    }
    return what + "the URL matches none of the allowed patterns (--connect-url-allow)";
  }
}

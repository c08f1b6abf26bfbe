package io.connectgate.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A list request the API server refused with 403: RBAC does not grant the caller the verb
 * {@code list} on the resource. The message names the verb, resource and API group to grant,
 * then quotes the API's Status message (which names the account; a list request has no body
 * it could echo).
 */
public final class ListForbiddenException extends RuntimeException {

  private ListForbiddenException(String message) {
    super(message);
  }

  /**
   * {@code e} as a ListForbiddenException when it is a 403, else {@code e} itself.
   *
   * @param group the API group ("" for the core group)
   * @param plural the resource, e.g. {@code configmaps}
   * @param namespace the namespace listed, or null for all namespaces
   */
  static RuntimeException ifForbidden(KubernetesClientException e, String group, String plural,
      String namespace) {
    if (e.getCode() != 403) {
      return e;
    }
    String resource = group.isEmpty() ? plural : plural + "." + group;
    String apiMessage = e.getStatus() == null || e.getStatus().getMessage() == null
        ? "" : ": " + e.getStatus().getMessage();
    return new ListForbiddenException("cannot list " + resource + " in "
        + (namespace == null ? "all namespaces" : "namespace " + namespace)
        + ": RBAC needs the verb list on resource " + plural + " in "
        + (group.isEmpty() ? "the core API group (\"\")" : "API group " + group)
        + " (Kubernetes API error 403" + apiMessage + ")");
  }
}

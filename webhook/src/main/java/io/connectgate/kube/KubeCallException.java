package io.connectgate.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A failed API call, described by what was attempted, the HTTP code and the Status reason.
 * Deliberately not the API's message nor the cause: those can quote the request body.
 */
public final class KubeCallException extends RuntimeException {

  private final int code;

  private KubeCallException(String message, int code) {
    super(message);
    this.code = code;
  }

  static KubeCallException of(String what, KubernetesClientException e) {
    String reason = e.getStatus() == null || e.getStatus().getReason() == null ? "" : " " + e.getStatus().getReason();
    String detail = e.getCode() > 0 ? "HTTP " + e.getCode() + reason : e.getClass().getSimpleName()
        + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
    return new KubeCallException(what + " failed: " + detail, e.getCode());
  }

  public int code() {
    return code;
  }

  /** Several calls failed in one pass (each message already safe). */
  static KubeCallException aggregate(String messages) {
    return new KubeCallException(messages, 0);
  }
}

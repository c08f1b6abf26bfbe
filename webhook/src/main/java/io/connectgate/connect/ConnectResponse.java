package io.connectgate.connect;

import tools.jackson.databind.JsonNode;

/**
 * One answer of the Connect REST API: the status, the body as a tree (a missing node when it
 * is not JSON) and the raw text.
 */
public record ConnectResponse(int status, JsonNode body, String raw) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Worth another try: 5xx, and 409 (Connect's answer during a rebalance). */
  public boolean isRetryable() {
    return status >= 500 || status == 409;
  }

  /** Connect's {@code message} field, or the start of the raw body, or the bare status. */
  public String message() {
    JsonNode m = body.path("message");
    if (m.isString() && !m.stringValue().isBlank()) {
      return m.stringValue().strip();
    }
    String text = raw == null ? "" : raw.strip();
    if (text.isEmpty()) {
      return "HTTP " + status;
    }
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }
}

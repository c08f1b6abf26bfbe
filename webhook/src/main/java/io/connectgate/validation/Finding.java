package io.connectgate.validation;

/**
 * One problem or advisory. {@code rule} names what produced it (e.g. "schema", "json-syntax",
 * "unknown-key", "jaas", or a policy rule such as "requireEncryption"). Messages never contain
 * the value of a sensitive setting.
 */
public record Finding(Severity severity, String rule, Location location, String message) {

  /** The contract form used in admission messages: {@code data[KEY] /config/PROPERTY: message}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (location.dataKey() != null) {
      sb.append("data[").append(location.dataKey()).append("] ");
    }
    if (location.pointer() != null && !location.pointer().isEmpty()) {
      sb.append(location.pointer()).append(": ");
    }
    return sb.append(message).toString();
  }
}

package io.connectgate.validation;

import io.connectgate.connector.TextPosition;

/**
 * A finding and where its setting is in the input file (1-based line and column of the key,
 * or of the nearest enclosing node when the setting is missing); {@code at} is null when the
 * position is unknown (the cluster audit, or a file that could not be mapped).
 */
public record LocatedFinding(Finding finding, TextPosition at) {

  /** The input file (null for the cluster audit); "-" is stdin. */
  public String file() {
    var origin = finding.location().origin();
    return origin == null ? null : origin.file();
  }
}

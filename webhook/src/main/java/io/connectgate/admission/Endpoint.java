package io.connectgate.admission;

/** The two admission routes; they differ only in whether a patch is computed and returned. */
public enum Endpoint {
  VALIDATE("/validate"),
  MUTATE("/mutate");

  private final String path;

  Endpoint(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** Short name used as a metric tag and in logs. */
  public String tag() {
    return path.substring(1);
  }
}

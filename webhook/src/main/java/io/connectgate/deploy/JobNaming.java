package io.connectgate.deploy;

/**
 * Deterministic deploy Job names: {@code <configmap>-deploy-<hash>}, at most {@value #MAX_NAME}
 * characters (the Job controller appends 5 characters for its pods and copies the name into a
 * label of at most 63). Dots become dashes so the name is also a label value and a host name.
 * The same content always gets the same name: creating it twice meets 409 AlreadyExists.
 */
public final class JobNaming {

  public static final int MAX_NAME = 52;
  static final String INFIX = "-deploy-";

  private JobNaming() {}

  public static String name(String configMapName, String hash) {
    int room = MAX_NAME - INFIX.length() - hash.length();
    String base = configMapName.replace('.', '-');
    if (base.length() > room) {
      base = base.substring(0, room);
    }
    base = base.replaceAll("[^a-z0-9]+$", "");
    return (base.isEmpty() ? "connector" : base) + INFIX + hash;
  }

  /** A label value (at most 63 characters, alphanumeric at both ends) for the ConfigMap name. */
  public static String labelValue(String configMapName) {
    String v = configMapName.length() > 63 ? configMapName.substring(0, 63) : configMapName;
    return v.replaceAll("[^A-Za-z0-9]+$", "");
  }
}

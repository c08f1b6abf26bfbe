package io.connectgate.kube;

import io.connectgate.admission.DeployJob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic deploy Job names: {@code <configmap>-deploy-<hash>}. The same connector
 * content gets the same name, so re-admitting it meets 409 AlreadyExists instead of starting
 * a second Job, and changed content gets a new one.
 *
 * <p>The hash is the SHA-256 of the data key, the entry's text and the Connect URL (a
 * changed {@code connectgate.io/connect-url} is a new deployment too), first
 * {@value #HASH_CHARS} hex digits. Names stay within {@value #MAX_NAME} characters: the Job
 * controller appends a 5-character suffix to name the pods and copies the name into the
 * {@code job-name} pod label (at most 63). Dots of the ConfigMap name become dashes, so the
 * name is also a valid label value and pod host name.
 */
public final class JobNames {

  public static final int MAX_NAME = 52;
  public static final int HASH_CHARS = 10;
  static final String INFIX = "-deploy-";

  private JobNames() {}

  public static String name(DeployJob job) {
    return name(job.configMapName(), contentHash(job));
  }

  static String name(String configMapName, String hash) {
    int room = MAX_NAME - INFIX.length() - hash.length();
    String base = configMapName.replace('.', '-');
    if (base.length() > room) {
      base = base.substring(0, room);
    }
    base = base.replaceAll("[^a-z0-9]+$", "");
    return (base.isEmpty() ? "connector" : base) + INFIX + hash;
  }

  public static String contentHash(DeployJob job) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    // NUL separators: no key/content/URL split can produce another one's bytes.
    for (String part : new String[] {job.dataKey(), job.content(), job.connectUrl()}) {
      sha256.update(part.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha256.digest()).substring(0, HASH_CHARS);
  }

  /** A label value (at most 63 characters, alphanumeric at both ends) for the ConfigMap name. */
  static String labelValue(String configMapName) {
    String v = configMapName.length() > 63 ? configMapName.substring(0, 63) : configMapName;
    return v.replaceAll("[^A-Za-z0-9]+$", "");
  }
}

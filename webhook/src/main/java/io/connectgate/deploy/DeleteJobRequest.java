package io.connectgate.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One delete Job: {@code deploy --delete --connector CONNECTOR --connect-url URL} for entry
 * {@code dataKey} of ConfigMap {@code namespace/configMapName}, attempt {@code attempt}
 * (1-based). Named {@code <configmap>-delete-<hash>}, the hash over key, connector, URL and
 * attempt: a second creation of the same attempt meets 409, a new attempt is a new Job.
 */
public record DeleteJobRequest(String namespace, String configMapName, String configMapUid, String dataKey,
    String connector, String connectUrl, int attempt) {

  static final String INFIX = "-delete-";

  public String hash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {dataKey, connector, connectUrl, Integer.toString(attempt)}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String jobName() {
    String deployName = JobNaming.name(configMapName, hash()); // same length rules as deploy Jobs
    return deployName.substring(0, deployName.length() - JobNaming.INFIX.length() - 10) + INFIX + hash();
  }
}

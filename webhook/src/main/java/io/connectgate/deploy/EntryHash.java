package io.connectgate.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of one connector entry: the first {@value #CHARS} hex digits of the SHA-256
 * of its data key, its text and the Connect URL it goes to (a changed URL is a new deployment
 * too), NUL-separated so no split of one produces another's bytes. It names the entry's Job and
 * is what the status annotation records.
 */
public final class EntryHash {

  public static final int CHARS = 10;

  private EntryHash() {}

  public static String of(String dataKey, String content, String connectUrl) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    for (String part : new String[] {dataKey, content, connectUrl}) {
      sha256.update(part.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha256.digest()).substring(0, CHARS);
  }
}

package io.connectgate.policy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the policy in force and re-reads its file on {@link #poll()}. Reading content rather
 * than watching events follows a mounted ConfigMap's symlink swap ({@code ..data}) whatever the
 * filesystem reports. A broken new version is rejected and the previous policy stays.
 */
public final class PolicyReloader {

  /** What a poll did. */
  public enum Status { UNCHANGED, RELOADED, REJECTED }

  public record Outcome(Status status, List<String> problems) {}

  private final Path file;
  private final PolicyLoader loader;
  private final AtomicReference<Policy> current;
  private byte[] lastDigest;

  /** Loads the file once; a bad file here is a start-up error. */
  public PolicyReloader(Path file, PolicyLoader loader) throws PolicyException {
    this.file = file;
    this.loader = loader;
    byte[] bytes = read(file);
    this.current = new AtomicReference<>(loader.parse(new String(bytes, UTF_8), file.toString()));
    this.lastDigest = digest(bytes);
  }

  public Policy current() {
    return current.get();
  }

  /** Re-reads the file; switches atomically when it changed and is valid. Not thread-safe: one poller. */
  public Outcome poll() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new Outcome(Status.REJECTED, List.of("cannot read " + file + ": " + e.getMessage()));
    }
    byte[] digest = digest(bytes);
    if (Arrays.equals(digest, lastDigest)) {
      return new Outcome(Status.UNCHANGED, List.of());
    }
    lastDigest = digest;
    try {
      current.set(loader.parse(new String(bytes, UTF_8), file.toString()));
      return new Outcome(Status.RELOADED, List.of());
    } catch (PolicyException e) {
      return new Outcome(Status.REJECTED, e.problems());
    }
  }

  private static byte[] read(Path file) throws PolicyException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PolicyException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
    }
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}

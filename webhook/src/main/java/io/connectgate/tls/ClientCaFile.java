package io.connectgate.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code --client-ca} bundle and says when its certificates changed. Content, not
 * mtime, as for {@link CertificateFiles}: a ConfigMap mount is updated by swapping the
 * {@code ..data} symlink. A file that cannot be used (unreadable, empty, not PEM, a broken
 * block) is refused: the server keeps the bundle it has, and each distinct bad content is
 * logged (reason only, never the bytes) and reported to {@code onRejected} once. Blocking
 * I/O: call it off the event loop.
 */
public final class ClientCaFile {

  private static final Logger LOG = LoggerFactory.getLogger(ClientCaFile.class);

  private final Path file;
  private final ClientCaParser parser;
  private final Runnable onRejected;
  private volatile String current;
  private volatile String lastRejected;

  public ClientCaFile(Path file, ClientCaParser parser, Runnable onRejected) {
    this.file = file;
    this.parser = parser;
    this.onRejected = onRejected;
  }

  public Path file() {
    return file;
  }

  /** Loads the bundle now; fails with the file and the reason when it cannot be used. */
  public ClientCaBundle load() throws IOException, InvalidKeyMaterialException {
    ClientCaBundle bundle;
    try {
      bundle = parser.parse(Files.readAllBytes(file));
    } catch (InvalidKeyMaterialException e) {
      throw new InvalidKeyMaterialException("--client-ca " + file + ": " + e.getMessage());
    }
    applied(bundle);
    return bundle;
  }

  /** Records that the server now trusts {@code bundle}; until then it is offered again. */
  public void applied(ClientCaBundle bundle) {
    current = bundle.fingerprint();
    lastRejected = null;
  }

  /**
   * A new bundle when the file's certificates changed and all of it parses; empty when
   * nothing changed (comments or line endings alone do not count) or when the new content
   * is refused. Call {@link #applied} once the server uses it.
   */
  public Optional<ClientCaBundle> changed() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      refuse("unreadable", "cannot be read (" + e.getClass().getSimpleName() + ")");
      return Optional.empty();
    }
    ClientCaBundle bundle;
    try {
      bundle = parser.parse(content);
    } catch (InvalidKeyMaterialException e) {
      refuse(sha256(content), e.getMessage());
      return Optional.empty();
    }
    if (bundle.fingerprint().equals(current)) {
      lastRejected = null; // back to what is in force: a later bad content is news again
      return Optional.empty();
    }
    return Optional.of(bundle);
  }

  private void refuse(String contentKey, String reason) {
    if (contentKey.equals(lastRejected)) {
      return;
    }
    lastRejected = contentKey;
    LOG.warn("not reloading client CA from {}: {}; keeping the current one", file, reason);
    onRejected.run();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}

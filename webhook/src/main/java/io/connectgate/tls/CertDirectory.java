package io.connectgate.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --cert-dir}: {@code tls.crt}/{@code tls.key} (cert-manager and mounted Secrets
 * use these names) and, when we generated them, {@code ca.crt} for clients to trust.
 */
public final class CertDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(CertDirectory.class);
  public static final String CERT = "tls.crt";
  public static final String KEY = "tls.key";
  public static final String CA = "ca.crt";

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private final Path dir;

  public CertDirectory(Path dir) {
    this.dir = dir;
  }

  public Path certFile() {
    return dir.resolve(CERT);
  }

  public Path keyFile() {
    return dir.resolve(KEY);
  }

  public Path caFile() {
    return dir.resolve(CA);
  }

  /**
   * Leaves an existing {@code tls.crt}/{@code tls.key} alone; when both are absent, generates
   * a CA and serving certificate and writes them. One present without the other is refused:
   * overwriting half of someone's key pair would hide their mistake.
   *
   * @return the set written, or empty when the files were already there
   */
  public Optional<CertificateSet> ensure(CertificateGenerator generator, List<String> dnsNames)
      throws IOException {
    boolean cert = Files.exists(certFile());
    boolean key = Files.exists(keyFile());
    if (cert && key) {
      return Optional.empty();
    }
    if (cert || key) {
      throw new IOException("found " + (cert ? CERT : KEY) + " without " + (cert ? KEY : CERT)
          + " in " + dir + "; provide both or neither");
    }
    CertificateSet set = generator.generate(dnsNames);
    write(set);
    LOG.info("generated a CA and serving certificate in {} (trust {}; SANs localhost, 127.0.0.1{})",
        dir, caFile(), dnsNames.isEmpty() ? "" : ", " + String.join(", ", dnsNames));
    return Optional.of(set);
  }

  /** Writes the three files; each appears whole (temp file, then atomic rename). */
  public void write(CertificateSet set) throws IOException {
    Files.createDirectories(dir);
    // The key goes last so a reader never sees a new key next to an old certificate.
    writeAtomically(caFile(), set.caCertPem(), WORLD_READABLE);
    writeAtomically(certFile(), set.certPem(), WORLD_READABLE);
    writeAtomically(keyFile(), set.keyPem(), OWNER_ONLY);
  }

  private void writeAtomically(Path target, String content, Set<PosixFilePermission> mode)
      throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      // Created with its final mode, so the key is never readable by others, even briefly.
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(mode));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot create " + tmp + ": already exists", e);
    }
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertDirectoryTest {

  final CertificateGenerator generator = new CertificateGenerator(Clock.systemUTC(), new SecureRandom());

  @Test
  void generatesWhenAbsentWithAnOwnerOnlyKey(@TempDir Path dir) throws Exception {
    CertDirectory certs = new CertDirectory(dir.resolve("certs"));
    assertTrue(certs.ensure(generator, List.of("x.svc")).isPresent(), "expected certificates generated");
    assertEquals("rw-------", mode(certs.keyFile()), "expected tls.key 0600");
    assertEquals("rw-r--r--", mode(certs.certFile()), "expected tls.crt 0644");
    assertTrue(Files.readString(certs.caFile()).startsWith("-----BEGIN CERTIFICATE-----"), "expected ca.crt in PEM");
    String before = Files.readString(certs.certFile());
    assertTrue(certs.ensure(generator, List.of()).isEmpty(), "expected existing files left alone");
    assertEquals(before, Files.readString(certs.certFile()), "expected tls.crt unchanged");
  }

  @Test
  void halfAPairIsRefused(@TempDir Path dir) throws Exception {
    CertDirectory certs = new CertDirectory(dir);
    Files.writeString(certs.certFile(), "x");
    IOException e = assertThrows(IOException.class, () -> certs.ensure(generator, List.of()));
    assertTrue(e.getMessage().contains("without tls.key"), "expected the missing file named: " + e.getMessage());
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}

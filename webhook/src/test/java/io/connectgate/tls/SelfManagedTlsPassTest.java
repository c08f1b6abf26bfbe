package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One replica's passes against an in-memory Secret whose races the test scripts. */
class SelfManagedTlsPassTest {

  final CertificateGenerator generator = new CertificateGenerator(Clock.systemUTC(), new SecureRandom());
  final CertificateRotation rotation = new CertificateRotation(generator, Clock.systemUTC(), RotationPolicy.defaults(),
      List.of("connectgate.ns.svc"));

  /** A Secret with resourceVersions; {@code before} runs before each write, as another replica would. */
  static class MemorySecret implements TlsSecretStore {
    Map<String, String> data;
    int version;
    Runnable before = () -> { };
    final List<String> writes = new ArrayList<>();

    @Override
    public synchronized Optional<Stored> read() {
      return data == null ? Optional.empty() : Optional.of(new Stored(data, Integer.toString(version)));
    }

    @Override
    public synchronized boolean create(Map<String, String> next) {
      before.run();
      writes.add("create");
      if (data != null) {
        return false;
      }
      data = next;
      version++;
      return true;
    }

    @Override
    public synchronized boolean update(Map<String, String> next, String resourceVersion) {
      before.run();
      writes.add("update");
      if (!Integer.toString(version).equals(resourceVersion)) {
        return false;
      }
      data = next;
      version++;
      return true;
    }

    @Override
    public String describe() {
      return "ns/memory";
    }
  }

  /** Webhook configurations that cannot be patched (say, RBAC not applied yet). */
  static final class FailingTarget implements CaBundleTarget {
    int publishes;

    @Override
    public void publish(String bundlePem) {
      publishes++;
      throw new IllegalStateException("patch caBundle: HTTP 403 Forbidden");
    }

    @Override
    public boolean trusts(X509Certificate ca) {
      return false;
    }
  }

  @Test
  void aFailingCaBundlePatchDoesNotKeepTheServerFromStarting(@TempDir Path dir) throws Exception {
    FailingTarget target = new FailingTarget();
    try (SelfManagedTls tls = new SelfManagedTls(new MemorySecret(), target, new CertDirectory(dir), rotation,
        Duration.ofMillis(50))) {
      tls.awaitFirstCertificate(Duration.ofSeconds(10));
      assertTrue(Files.exists(dir.resolve("tls.crt")) && Files.exists(dir.resolve("tls.key")),
          "expected the certificate written although caBundle could not be patched");
      assertEquals(1, target.publishes, "expected the patch attempted (and retried on later passes)");
    }
  }

  @Test
  void aConflictingWriteIsAdoptedNotOverwritten(@TempDir Path dir) throws Exception {
    MemorySecret secret = new MemorySecret();
    TlsSecretData theirs = rotation.plan(null, ca -> true).orElseThrow().data();
    // Another replica creates the Secret between our read and our create.
    secret.before = () -> {
      if (secret.data == null) {
        secret.data = theirs.toMap();
        secret.version++;
      }
    };
    try (SelfManagedTls tls = new SelfManagedTls(secret, new AcceptingTarget(), new CertDirectory(dir), rotation,
        Duration.ofMillis(50))) {
      tls.awaitFirstCertificate(Duration.ofSeconds(10));
    }
    assertEquals(List.of("create"), secret.writes, "expected one create attempt, refused, and no overwrite");
    assertEquals(theirs.servingCert(), Files.readString(dir.resolve("tls.crt")), "expected the winner's certificate served");
    assertEquals(theirs.toMap(), secret.data, "expected the winner's Secret untouched");
  }

  @Test
  void anUnusableSecretFromAnotherReplicaIsNotServedButReplaced(@TempDir Path dir) throws Exception {
    MemorySecret secret = new MemorySecret();
    secret.before = () -> {
      if (secret.data == null) {
        secret.data = Map.of("tls.crt", "not a certificate", "tls.key", "nor a key");
        secret.version++;
      }
    };
    try (SelfManagedTls tls = new SelfManagedTls(secret, new AcceptingTarget(), new CertDirectory(dir), rotation,
        Duration.ofMillis(50))) {
      tls.awaitFirstCertificate(Duration.ofSeconds(10));
    }
    assertEquals(List.of("create", "update"), secret.writes, "expected the garbage replaced by an update");
    assertEquals(secret.data.get("tls.crt"), Files.readString(dir.resolve("tls.crt")), "expected the replacement served");
    assertTrue(Files.readString(dir.resolve("tls.crt")).contains("BEGIN CERTIFICATE"), "expected a real certificate served");
  }

  @Test
  void anUnreachableApiFailsTheStartWithTheReasonAfterTheTimeout(@TempDir Path dir) {
    MemorySecret unreachable = new MemorySecret() {
      @Override
      public synchronized Optional<Stored> read() {
        throw new IllegalStateException("get Secret ns/memory failed: HTTP 403 Forbidden");
      }
    };
    try (SelfManagedTls tls = new SelfManagedTls(unreachable, new AcceptingTarget(), new CertDirectory(dir), rotation,
        Duration.ofMillis(50))) {
      java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
          () -> tls.awaitFirstCertificate(Duration.ofMillis(300)), "expected the start to give up after its timeout");
      assertTrue(e.getMessage().contains("403 Forbidden"), "expected the API's refusal in the reason: " + e.getMessage());
    }
  }

  static final class AcceptingTarget implements CaBundleTarget {
    @Override
    public void publish(String bundlePem) {
    }

    @Override
    public boolean trusts(X509Certificate ca) {
      return true;
    }
  }
}

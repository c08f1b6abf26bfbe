package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary lookup of the e2e tier; plain unit tests, no control plane. */
class KubeBinariesTest {

  @TempDir Path dir;

  @Test
  void missingBinariesFailWithTheProvisioningCommand() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Map<String, String> env = Map.of("KUBE_API_TEST_DIR", empty.toString(),
        "CONNECTGATE_CACHE_DIR", empty.toString(), "PATH", empty.toString());

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> KubeBinaries.locate(env),
        "expected a missing control plane to be an error, not a skip");
    assertTrue(e.getMessage().contains("scripts/test-control-plane.sh"),
        "expected the message to name the provisioning script: " + e.getMessage());
    assertTrue(e.getMessage().contains("etcd, kube-apiserver, kubectl"),
        "expected the message to list every missing binary: " + e.getMessage());
  }

  @Test
  void explicitDirectoryWinsOverCacheAndPath() throws IOException {
    Path explicit = fakeBinaries("explicit", "etcd", "kube-apiserver");
    Path cache = fakeBinaries("cache/bin", "etcd", "kube-apiserver");
    Path path = fakeBinaries("path", "etcd", "kube-apiserver", "kubectl");
    Map<String, String> env = Map.of("KUBE_API_TEST_DIR", explicit.toString(),
        "CONNECTGATE_CACHE_DIR", cache.getParent().toString(), "PATH", path.toString());

    KubeBinaries found = KubeBinaries.locate(env);

    assertEquals(explicit.resolve("etcd"), found.etcd(), "expected etcd from KUBE_API_TEST_DIR");
    assertEquals(explicit.resolve("kube-apiserver"), found.kubeApiserver(),
        "expected kube-apiserver from KUBE_API_TEST_DIR");
    assertEquals(path.resolve("kubectl"), found.kubectl(), "expected kubectl from PATH when nowhere else");
  }

  @Test
  void cacheIsUsedWithoutAnyEnvironment() throws IOException {
    Path cache = fakeBinaries("cache/bin", "etcd", "kube-apiserver", "kubectl");
    Files.writeString(cache.resolve(KubeBinaries.RECIPE_STAMP), KubeBinaries.BUILD_RECIPE + "\n");
    Path path = fakeBinaries("path", "etcd", "kube-apiserver", "kubectl");
    Map<String, String> env = Map.of("CONNECTGATE_CACHE_DIR", cache.getParent().toString(),
        "PATH", path.toString());

    assertEquals(cache.resolve("kube-apiserver"), KubeBinaries.locate(env).kubeApiserver(),
        "expected the provisioning cache to win over PATH");
  }

  @Test
  void aCachedBuildOfAnOlderRecipeIsRefusedWithTheProvisioningCommand() throws IOException {
    Path cache = fakeBinaries("cache/bin", "etcd", "kube-apiserver", "kubectl");
    Map<String, String> env = Map.of("KUBE_API_TEST_DIR", cache.toString(),
        "CONNECTGATE_CACHE_DIR", cache.getParent().toString(), "PATH", "");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> KubeBinaries.locate(env),
        "expected an unstamped cached kube-apiserver (recipe 1) to be refused");
    assertTrue(e.getMessage().contains("scripts/test-control-plane.sh"), "expected the fix named: " + e.getMessage());

    Files.writeString(cache.resolve(KubeBinaries.RECIPE_STAMP), "1\n");
    assertThrows(IllegalStateException.class, () -> KubeBinaries.locate(env), "expected recipe 1 refused");

    Files.writeString(cache.resolve(KubeBinaries.RECIPE_STAMP), KubeBinaries.BUILD_RECIPE + "\n");
    assertEquals(cache.resolve("kube-apiserver"), KubeBinaries.locate(env).kubeApiserver(),
        "expected the current recipe's build accepted");
  }

  @Test
  void aBinaryLinkedIntoTheCacheIsNeverSecondGuessed() throws IOException {
    Path elsewhere = fakeBinaries("elsewhere", "kube-apiserver");
    Path cache = fakeBinaries("cache/bin", "etcd", "kubectl");
    Files.createSymbolicLink(cache.resolve("kube-apiserver"), elsewhere.resolve("kube-apiserver"));
    Map<String, String> env = Map.of("CONNECTGATE_CACHE_DIR", cache.getParent().toString(), "PATH", "");

    assertEquals(cache.resolve("kube-apiserver"), KubeBinaries.locate(env).kubeApiserver(),
        "expected a linked-in kube-apiserver (PATH, envtest) used without a stamp");
  }

  private Path fakeBinaries(String where, String... names) throws IOException {
    Path d = Files.createDirectories(dir.resolve(where));
    for (String name : names) {
      Files.writeString(d.resolve(name), "#!/bin/sh\n");
      Files.setPosixFilePermissions(d.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return d;
  }
}

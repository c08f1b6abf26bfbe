package io.connectgate.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the control-plane binaries are. Looked up in {@code KUBE_API_TEST_DIR}, then
 * {@code KUBEBUILDER_ASSETS}, then the provisioning script's cache, then {@code PATH}; a missing
 * binary fails the e2e tests (never skips them) with the command that provides it.
 */
record KubeBinaries(Path etcd, Path kubeApiserver, Path kubectl) {

  static final String HOW_TO_PROVIDE =
      "run scripts/test-control-plane.sh and export KUBE_API_TEST_DIR=<the directory it prints>"
          + " (or exclude the tier with -DexcludedGroups=e2e)";

  private static final Pattern MINOR_VERSION = Pattern.compile("v1\\.(\\d+)\\.");
  /**
   * BUILD_RECIPE of scripts/test-control-plane.sh (keep in step): a kube-apiserver the script
   * built into the cache with an older recipe is refused here rather than crashing mid-test.
   */
  static final String BUILD_RECIPE = "2";
  static final String RECIPE_STAMP = ".kube-apiserver-recipe";

  static KubeBinaries locate(Map<String, String> env) {
    List<Path> searched = searchPath(env);
    Path etcd = find("etcd", searched);
    Path apiserver = find("kube-apiserver", searched);
    Path kubectl = find("kubectl", searched);
    List<String> missing = new ArrayList<>();
    if (etcd == null) missing.add("etcd");
    if (apiserver == null) missing.add("kube-apiserver");
    if (kubectl == null) missing.add("kubectl");
    if (!missing.isEmpty()) {
      throw new IllegalStateException("end-to-end tests need " + String.join(", ", missing)
          + " but found none in " + searched + ": " + HOW_TO_PROVIDE);
    }
    if (staleCacheBuild(apiserver, cacheDir(env).resolve("bin"))) {
      throw new IllegalStateException(apiserver + " was built by an older recipe of the provisioning script"
          + " (recipe 1 vendors reflect2 1.0.1: kube-apiserver dies on the first patch from a mutating"
          + " webhook): " + HOW_TO_PROVIDE + "; it rebuilds the binary");
    }
    return new KubeBinaries(etcd, apiserver, kubectl);
  }

  /** The script's own build in the cache (not a binary linked in from elsewhere) without the current stamp. */
  static boolean staleCacheBuild(Path apiserver, Path cacheBin) {
    try {
      if (!Files.isDirectory(cacheBin) || !Files.isSameFile(apiserver.getParent(), cacheBin)
          || Files.isSymbolicLink(apiserver)) {
        return false;
      }
      Path stamp = cacheBin.resolve(RECIPE_STAMP);
      return !Files.exists(stamp) || !Files.readString(stamp).trim().equals(BUILD_RECIPE);
    } catch (java.io.IOException e) {
      return false; // cannot tell: let the control plane try
    }
  }

  static List<Path> searchPath(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    Optional.ofNullable(env.get("KUBE_API_TEST_DIR")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(dirs::add);
    Optional.ofNullable(env.get("KUBEBUILDER_ASSETS")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(dirs::add);
    dirs.add(cacheDir(env).resolve("bin"));
    for (String entry : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) dirs.add(Path.of(entry));
    }
    return dirs;
  }

  /** Same default as scripts/test-control-plane.sh. */
  static Path cacheDir(Map<String, String> env) {
    String explicit = env.get("CONNECTGATE_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("connectgate");
  }

  private static Path find(String name, List<Path> dirs) {
    return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst().orElse(null);
  }

  /**
   * Minor version of kube-apiserver ("Kubernetes v1.20.2" gives 20), to pass only flags the
   * binary knows: envtest assets are usually much newer than the 1.20 build from Debian.
   */
  int apiserverMinorVersion() {
    String out = Processes.output(List.of(kubeApiserver.toString(), "--version"));
    Matcher m = MINOR_VERSION.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException(kubeApiserver + " --version printed no v1.N. version: " + out);
    }
    return Integer.parseInt(m.group(1));
  }
}

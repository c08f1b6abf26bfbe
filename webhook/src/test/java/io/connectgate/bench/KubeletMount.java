package io.connectgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A directory updated the way the kubelet updates a mounted Secret or ConfigMap: each version
 * in a new {@code ..<version>} directory, {@code ..data} swapped to it atomically, and every
 * file a symlink through {@code ..data}.
 */
public final class KubeletMount {

  private final Path dir;
  private int versions;

  public KubeletMount(Path dir) {
    this.dir = dir;
  }

  /** Publishes {@code files} (name to content) as the new version. */
  public void publish(Map<String, String> files) throws IOException {
    Path version = dir.resolve("..version_" + ++versions);
    Files.createDirectories(version);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(version.resolve(file.getKey()), file.getValue());
    }
    Path tmp = dir.resolve("..data_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, version.getFileName());
    Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (String name : files.keySet()) {
      Path link = dir.resolve(name);
      if (!Files.isSymbolicLink(link)) {
        Files.createSymbolicLink(link, Path.of("..data", name));
      }
    }
  }
}

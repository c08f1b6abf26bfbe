package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {

  private static final String HEAD = "apiVersion: connectgate.io/v1\nkind: ConnectorPolicy\nrules:\n";

  /** Writes a version the way the kubelet updates a mounted ConfigMap: new dir, symlink swap. */
  private static void publish(Path mount, String name, String content) throws Exception {
    Path dir = mount.resolve("..v-" + name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("policy.yaml"), content);
    Path tmp = mount.resolve("..data_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, dir.getFileName());
    Files.move(tmp, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Path link = mount.resolve("policy.yaml");
    if (!Files.isSymbolicLink(link)) {
      Files.createSymbolicLink(link, Path.of("..data/policy.yaml"));
    }
  }

  @Test
  void followsSymlinkSwapsAndKeepsThePreviousPolicyWhenTheNewOneIsBroken(@TempDir Path mount)
      throws Exception {
    publish(mount, "1", HEAD + "  maxTasks: {action: deny, max: 2}\n");
    PolicyReloader reloader = new PolicyReloader(mount.resolve("policy.yaml"), new PolicyLoader());
    assertEquals(2, reloader.current().maxTasks());
    assertEquals(PolicyReloader.Status.UNCHANGED, reloader.poll().status());

    publish(mount, "2", HEAD + "  maxTasks: {action: deny, max: 8}\n");
    assertEquals(PolicyReloader.Status.RELOADED, reloader.poll().status());
    assertEquals(8, reloader.current().maxTasks(), "new version in force");

    publish(mount, "3", HEAD + "  maxTasks: {action: explode, max: -1}\n");
    PolicyReloader.Outcome broken = reloader.poll();
    assertEquals(PolicyReloader.Status.REJECTED, broken.status());
    assertTrue(broken.problems().size() >= 2, "every problem of the broken file: " + broken.problems());
    assertEquals(8, reloader.current().maxTasks(), "previous policy stays in force");
    assertEquals(PolicyReloader.Status.UNCHANGED, reloader.poll().status(), "a rejected version is not re-reported");
  }

  @Test
  void aBrokenFileAtStartIsAnError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, HEAD + "  nope: deny\n");
    assertThrows(PolicyException.class, () -> new PolicyReloader(f, new PolicyLoader()));
    assertThrows(PolicyException.class, () -> new PolicyReloader(dir.resolve("missing.yaml"), new PolicyLoader()));
  }
}

package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's HTTP limits reach the server's configuration; the defaults are the server's own. */
class HttpLimitsOptionsTest {

  @CommandLine.Command(name = "probe")
  static final class Probe {
    @CommandLine.Mixin HttpLimitsOptions limits = new HttpLimitsOptions();
  }

  @Test
  void flagsReachTheServerConfig() {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs("--header-timeout", "3s", "--body-timeout", "4s", "--idle-timeout", "1m",
        "--review-timeout", "2500ms", "--max-connections", "64");
    assertNull(probe.limits.problem());
    ServerConfig config = probe.limits.applyTo(ServerConfig.defaults("127.0.0.1", 0));
    assertEquals(Duration.ofSeconds(3), config.headerTimeout());
    assertEquals(Duration.ofSeconds(4), config.bodyTimeout());
    assertEquals(Duration.ofMinutes(1), config.idleTimeout());
    assertEquals(Duration.ofMillis(2500), config.reviewTimeout());
    assertEquals(64, config.maxConnections());
  }

  @Test
  void withoutFlagsTheServersDefaultsStand() {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs();
    ServerConfig defaults = ServerConfig.defaults("127.0.0.1", 0);
    assertEquals(defaults, probe.limits.applyTo(defaults));
  }

  @Test
  void tooFewConnectionsRefuseToStart(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("serve", "--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.toString(),
        "--max-connections", "2");
    assertEquals(1, exit, "expected a start-up failure: " + err);
    assertTrue(err.toString().contains("--max-connections must be at least 8"), err.toString());
  }

  @Test
  void aZeroTimeoutIsAUsageError() {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(2, cl.execute("serve", "--header-timeout", "0"));
  }
}

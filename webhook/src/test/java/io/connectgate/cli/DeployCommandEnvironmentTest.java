package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeployCommandEnvironmentTest {

  @Test
  void connectUrlAndTimeoutComeFromTheEnvironment(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("c.json"),
        "{\"name\": \"c\", \"config\": {\"connector.class\": \"X\"}}");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CommandLine cl = Main.commandLine();
    cl.setDefaultValueProvider(new EnvironmentDefaults(Map.of(
        "CONNECTGATE_CONNECT_URL", "http://127.0.0.1:" + port,
        "CONNECTGATE_TIMEOUT", "1s")));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));

    int exit = cl.execute("deploy", file.toString());

    assertEquals(4, exit, "the URL from CONNECTGATE_CONNECT_URL was tried (nothing listens"
        + " there) until CONNECTGATE_TIMEOUT: " + err);
    assertTrue(err.toString().contains("unreachable"), "says unreachable: " + err);
  }
}

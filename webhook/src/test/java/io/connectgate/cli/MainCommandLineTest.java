package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link Main#commandLine(String...)} builds only the subcommand a run names (start-up cost),
 * and that command line behaves exactly like the one with every subcommand.
 */
class MainCommandLineTest {

  private static List<String> subcommands(CommandLine cl) {
    return List.copyOf(cl.getSubcommands().keySet());
  }

  @Test
  void aRunOfOneSubcommandBuildsOnlyThatOne() {
    assertEquals(List.of("serve"), subcommands(Main.commandLine("serve", "--port", "0")));
    assertEquals(List.of("validate"), subcommands(Main.commandLine("validate", "-")));
    assertEquals(List.of("release-finalizers"), subcommands(Main.commandLine("release-finalizers")));
  }

  @Test
  void everythingElseGetsEverySubcommandInTheHelpOrder() {
    List<String> all = List.of("help", "serve", "validate", "mutate", "audit", "deploy", "schemas",
        "release-finalizers");
    assertEquals(all, subcommands(Main.commandLine()));
    for (String[] args : List.of(new String[0], new String[] {"help", "serve"},
        new String[] {"--help"}, new String[] {"srve"}, new String[] {"--version"})) {
      assertEquals(all, subcommands(Main.commandLine(args)), String.join(" ", args));
    }
  }

  /** Exit code, stdout and stderr of {@code args}, run through the given command line. */
  private static String run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }

  @Test
  void theOneSubcommandParsesHelpsAndFailsExactlyAsAmongAllOfThem() {
    List<String[]> cases = List.of(
        new String[] {"serve", "--help"},
        new String[] {"serve", "--version"},
        new String[] {"serve", "--prot", "8443"},
        new String[] {"serve", "--port", "70000"},
        new String[] {"validate", "--help"},
        new String[] {"validate", "-o", "yaml", "x.json"},
        new String[] {"mutate", "--version"},
        new String[] {"schemas", "--bogus"},
        new String[] {"deploy", "--help"});
    for (String[] args : cases) {
      String lazy = run(Main.commandLine(args), args);
      String full = run(Main.commandLine(), args);
      assertEquals(full, lazy, String.join(" ", args));
    }
    // The cases really reach the subcommand: its own help, version and usage errors.
    assertTrue(run(Main.commandLine("serve", "--help"), "serve", "--help")
        .contains("Usage: connectgate serve"));
    String typo = run(Main.commandLine("serve", "--prot", "8443"), "serve", "--prot", "8443");
    assertTrue(typo.startsWith("exit 2") && typo.contains("connectgate serve: Unknown option"), typo);
  }
}

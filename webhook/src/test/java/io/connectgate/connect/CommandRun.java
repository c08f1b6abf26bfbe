package io.connectgate.connect;

import io.connectgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One CLI run through {@link Main#commandLine()} with captured output. */
record CommandRun(int exit, String out, String err, long millis) {

  static CommandRun of(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    int exit = cl.execute(args);
    CommandRun run = new CommandRun(exit, out.toString(), err.toString(),
        (System.nanoTime() - start) / 1_000_000);
    if (Boolean.getBoolean("connectgate.test.showRuns")) {
      System.out.println(String.join(" ", args) + "\n" + run.show());
    }
    return run;
  }

  String all() {
    return out + err;
  }

  /** For assertion messages: everything the command printed. */
  String show() {
    return "exit " + exit + " after " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}

package io.connectgate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Runs {@code connectgate serve ARGS} in this JVM exactly as the jar does (the real command
 * tree, environment defaults and {@code ReviewerFactory.standard()}), for tests outside this
 * package (the e2e tier) that need the real server: {@link ServeCommand#start()} is package
 * private because only {@code call()} and tests start it.
 */
public final class ServeInProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final ServeCommand.Running running;

  private ServeInProcess(ServeCommand.Running running) {
    this.running = running;
  }

  /** Parses {@code serve} arguments and starts serving; fails with what serve printed when it cannot. */
  public static ServeInProcess start(String... serveArgs) {
    CommandLine root = Main.commandLine();
    StringWriter err = new StringWriter();
    root.setErr(new PrintWriter(err, true));
    String[] args = new String[serveArgs.length + 1];
    args[0] = "serve";
    System.arraycopy(serveArgs, 0, args, 1, serveArgs.length);
    root.parseArgs(args);
    ServeCommand command = root.getSubcommands().get("serve").getCommand();
    ServeCommand.Running running;
    try {
      running = command.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting serve", e);
    }
    if (running == null) {
      throw new IllegalStateException("connectgate serve did not start: " + err);
    }
    return new ServeInProcess(running);
  }

  /** The port actually bound (serve was given {@code --port 0}). */
  public int port() {
    return running.port();
  }

  @Override
  public void close() {
    running.stop(STOP_GRACE);
  }
}

package io.connectgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar connectgate.jar COMMAND [options]}. Wiring only. */
@Command(
    name = "connectgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Admission webhook, offline checker and deployer for Kafka Connect connectors"
        + " declared as JSON in Kubernetes ConfigMaps.",
    subcommands = {CommandLine.HelpCommand.class, ServeCommand.class, ValidateCommand.class,
        MutateCommand.class, AuditCommand.class, DeployCommand.class, SchemasCommand.class,
        ReleaseFinalizersCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Builds the command line with every subcommand; tests run commands through this too. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setDefaultValueProvider(new EnvironmentDefaults());
    withVersion(cl);
    // Usage errors exit 2 everywhere (picocli's default), violations 1, clean 0; they print
    // the problem and where help is, not the whole help.
    cl.setParameterExceptionHandler(Main::usageError);
    return cl;
  }

  /** --version on every command prints connectgate's version. */
  private static void withVersion(CommandLine cl) {
    cl.getCommandSpec().versionProvider(new VersionProvider());
    cl.getSubcommands().values().forEach(Main::withVersion);
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    java.io.PrintWriter err = cl.getErr();
    err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}

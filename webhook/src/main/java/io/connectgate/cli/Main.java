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
    // Usage errors exit 2 everywhere (picocli's default), violations 1, clean 0.
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}

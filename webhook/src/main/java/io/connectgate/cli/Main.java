package io.connectgate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar connectgate.jar COMMAND [options]}. Wiring only. */
@Command(
    name = "connectgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Admission webhook, offline checker and deployer for Kafka Connect connectors"
        + " declared as JSON in Kubernetes ConfigMaps.")
public final class Main implements Runnable {

  /**
   * Every subcommand's name, in the order {@code --help} lists them. They are added in code
   * rather than through {@code @Command(subcommands)}, so that a run of one command builds only
   * that one: picocli instantiates and reflects over every registered command up front, which
   * cost each {@code serve} start about 0.2 s of CPU on its main thread (MutateCommand's YAML
   * mapper alone 0.14 s in a profile) before anything else could begin.
   */
  static final List<String> SUBCOMMANDS = List.of("help", "serve", "validate", "mutate", "audit",
      "deploy", "schemas", "release-finalizers");

  private static Object newSubcommand(String name) {
    return switch (name) {
      case "help" -> new CommandLine.HelpCommand();
      case "serve" -> new ServeCommand();
      case "validate" -> new ValidateCommand();
      case "mutate" -> new MutateCommand();
      case "audit" -> new AuditCommand();
      case "deploy" -> new DeployCommand();
      case "schemas" -> new SchemasCommand();
      case "release-finalizers" -> new ReleaseFinalizersCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Builds the command line with every subcommand. */
  public static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand (other than
   * {@code help}, which lists them all), only that one is built; it parses, runs, prints help
   * and usage errors exactly as it does among all of them. Anything else (no argument, an
   * option, a typo, {@code help}) gets every subcommand. Tests run commands through this too.
   */
  public static CommandLine commandLine(String... args) {
    if (args.length > 0 && !"help".equals(args[0]) && SUBCOMMANDS.contains(args[0])) {
      return commandLine(List.of(args[0]));
    }
    return commandLine();
  }

  private static CommandLine commandLine(List<String> names) {
    CommandLine cl = new CommandLine(new Main());
    for (String name : names) {
      cl.addSubcommand(name, newSubcommand(name));
    }
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
    if (args.length > 0 && "serve".equals(args[0])) {
      StartupPreload.start();
    }
    System.exit(commandLine(args).execute(args));
  }
}

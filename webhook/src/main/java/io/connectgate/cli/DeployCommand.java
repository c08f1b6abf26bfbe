package io.connectgate.cli;

import io.connectgate.connect.ConnectClient;
import io.connectgate.connect.ConnectorDefinition;
import io.connectgate.connect.ConnectorDeployer;
import io.connectgate.connect.ConnectorSource;
import io.connectgate.connect.ConnectorSourceException;
import io.connectgate.connect.DeployOutcome;
import io.connectgate.connect.Durations;
import io.connectgate.connect.RetryPolicy;
import io.connectgate.connect.SecretScrubber;
import io.connectgate.policy.PolicyException;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.SchemaCatalogException;
import io.connectgate.validation.Severity;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deploy}: create or update one connector in Kafka Connect and wait until it runs. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Creates or updates one connector in Kafka Connect (PUT /connectors/NAME/config, so"
            + " re-applying is safe) and waits until the connector and all its tasks are"
            + " RUNNING.",
        "PATH is a connector JSON file ({\"name\", \"config\"} or a flat config with"
            + " connector.class and name), or manifests (YAML/JSON) with a ConfigMap whose"
            + " data entry ending in .json holds one; '-' reads stdin. It is first checked"
            + " locally with the same schemas and policy as `validate` (--schemas, --policy):"
            + " any error is printed and nothing is sent to Connect.",
        "Connection failures, HTTP 5xx and 409 (rebalance) are retried with jittered"
            + " exponential backoff until --timeout; other 4xx fail at once with Connect's"
            + " message. Values of sensitive settings are never printed.",
        "With --delete it removes the connector instead (DELETE /connectors/NAME; a connector"
            + " that does not exist counts as deleted), named by --connector or read from"
            + " PATH without the local check, so a policy change never blocks a delete.",
        "Every option can also be set as CONNECTGATE_<OPTION>, e.g. CONNECTGATE_CONNECT_URL."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:deployed and RUNNING (or --dry-run passed); with --delete: not in Connect any more",
        "1:the local check found errors, Connect rejected the config (4xx, --validate-remote"
            + " errors), or the connector or a task FAILED",
        "2:usage or I/O error (bad file, bad URL)",
        "3:accepted, but not RUNNING within --timeout",
        "4:Connect unreachable (or answering 5xx/409) until --timeout"})
public final class DeployCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin CatalogOption catalog;

  @CommandLine.Mixin PolicyOption policy;

  @Option(names = "--connect-url", paramLabel = "URL",
      description = "Kafka Connect REST base URL, e.g. http://connect:8083 (required).")
  String connectUrl;

  @Option(names = "--timeout", paramLabel = "D", defaultValue = "120s",
      converter = DurationConverter.class,
      description = "Overall deadline for validating, deploying and waiting; 90, 90s, 2m,"
          + " PT2M (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--poll-interval", paramLabel = "D", defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Pause between status checks (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(names = "--min-tasks", paramLabel = "N", defaultValue = "1",
      description = "Tasks that must be RUNNING before the connector counts as running; 0"
          + " for connectors that may start none (default: ${DEFAULT-VALUE}).")
  int minTasks;

  @Option(names = "--validate-remote",
      description = "First ask Connect to validate the config (PUT /connector-plugins/CLASS/"
          + "config/validate); report its errors as /config/KEY lines and exit 1 if any.")
  boolean validateRemote;

  @Option(names = "--dry-run",
      description = "Read the connector and print what would be sent (sensitive values"
          + " redacted) without deploying; with --validate-remote, validate only.")
  boolean dryRun;

  @Option(names = "--delete",
      description = "Delete the connector from Kafka Connect (DELETE /connectors/NAME) instead"
          + " of deploying it; 404 counts as success. Retried like a deploy until --timeout.")
  boolean delete;

  @Option(names = "--connector", paramLabel = "NAME", parameterConsumer = RawValue.class,
      description = "With --delete: the connector's name, instead of reading it from PATH.")
  String connectorName;

  /** Takes the next argument as the value whatever it looks like: a name may start with "--". */
  static final class RawValue implements CommandLine.IParameterConsumer {
    @Override
    public void consumeParameters(java.util.Stack<String> args, CommandLine.Model.ArgSpec argSpec,
        CommandLine.Model.CommandSpec commandSpec) {
      if (args.isEmpty()) {
        throw new CommandLine.ParameterException(commandSpec.commandLine(), "Missing NAME for --connector");
      }
      argSpec.setValue(args.pop());
    }
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
      description = "Connector JSON, or manifests carrying one in a ConfigMap; '-' for stdin."
          + " Required unless --delete --connector NAME.")
  String path;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (connectUrl == null || connectUrl.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Missing --connect-url (or CONNECTGATE_CONNECT_URL)");
    }
    if (minTasks < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--min-tasks must be >= 0");
    }
    ConnectClient client;
    try {
      client = new ConnectClient(new URI(connectUrl.strip()),
          ConnectClient.defaultHttpClient(Duration.ofSeconds(5)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      err.println("deploy: bad --connect-url: " + e.getMessage());
      err.flush();
      return DeployOutcome.EXIT_USAGE;
    }

    if (connectorName != null && !delete) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--connector is only used with --delete");
    }
    if (path == null && (connectorName == null || connectorName.isBlank())) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          delete ? "--delete needs --connector NAME or PATH" : "Missing PATH");
    }
    if (delete) {
      return deleteConnector(client, out, err);
    }
    ConnectorSource.Loaded loaded;
    try {
      ConnectorSource source = new ConnectorSource(policy.inspector(catalog));
      loaded = "-".equals(path)
          ? source.read(System.in, "<stdin>")
          : source.read(Path.of(path));
    } catch (ConnectorSourceException | SchemaCatalogException | PolicyException e) {
      err.println("deploy: " + e.getMessage());
      err.flush();
      return DeployOutcome.EXIT_USAGE;
    }
    // Findings never carry sensitive values (the engine redacts them).
    FindingReport report = new FindingReport();
    loaded.findings().stream().filter(f -> f.severity() != Severity.AUDIT)
        .forEach(f -> err.println(report.line(f)));
    err.flush();
    if (loaded.rejected()) {
      err.println("deploy: the connector has errors; nothing was sent to Kafka Connect");
      err.flush();
      return DeployOutcome.EXIT_REJECTED;
    }
    ConnectorDefinition connector = loaded.connector();

    SecretScrubber scrubber = SecretScrubber.forConfig(connector.config());
    if (dryRun) {
      printPlan(out, scrubber, client, connector);
    }
    ConnectorDeployer deployer = new ConnectorDeployer(client,
        new ConnectorDeployer.Settings(timeout, pollInterval, validateRemote, dryRun, minTasks,
            RetryPolicy.DEFAULT),
        line -> {
          out.println(scrubber.scrub(line));
          out.flush();
        },
        () -> ThreadLocalRandom.current().nextDouble(),
        System::nanoTime);
    DeployOutcome outcome;
    try {
      outcome = deployer.deploy(connector);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("deploy: interrupted");
      err.flush();
      return DeployOutcome.EXIT_USAGE;
    }
    report(outcome, connector.name(), out, err, scrubber);
    return outcome.exitCode();
  }

  private int deleteConnector(ConnectClient client, PrintWriter out, PrintWriter err) {
    String name = connectorName;
    if (name == null) {
      try {
        // Only the name matters: the local check would let a stricter policy block deletes.
        ConnectorSource source = new ConnectorSource(policy.inspector(catalog));
        ConnectorSource.Loaded loaded = "-".equals(path)
            ? source.read(System.in, "<stdin>") : source.read(Path.of(path));
        name = loaded.connector().name();
      } catch (ConnectorSourceException | SchemaCatalogException | PolicyException e) {
        err.println("deploy: " + e.getMessage());
        err.flush();
        return DeployOutcome.EXIT_USAGE;
      }
    }
    String connector = name.strip();
    if (dryRun) {
      out.println("dry run: would DELETE " + client.connectorUri(connector));
      out.flush();
    }
    ConnectorDeployer deployer = new ConnectorDeployer(client,
        new ConnectorDeployer.Settings(timeout, pollInterval, false, dryRun, 0, RetryPolicy.DEFAULT),
        line -> {
          out.println(line);
          out.flush();
        },
        () -> ThreadLocalRandom.current().nextDouble(),
        System::nanoTime);
    DeployOutcome outcome;
    try {
      outcome = deployer.delete(connector);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("deploy: interrupted");
      err.flush();
      return DeployOutcome.EXIT_USAGE;
    }
    report(outcome, connector, out, err, SecretScrubber.forConfig(Map.of()));
    return outcome.exitCode();
  }

  private static void printPlan(PrintWriter out, SecretScrubber scrubber, ConnectClient client,
      ConnectorDefinition connector) {
    out.println("dry run: would PUT " + client.configUri(connector.name())
        + " with:");
    for (Map.Entry<String, String> e : connector.config().entrySet()) {
      String value = SecretScrubber.isSensitive(e.getKey()) ? SecretScrubber.MASK : e.getValue();
      out.println("  " + e.getKey() + "=" + scrubber.scrub(value));
    }
    out.flush();
  }

  private static void report(DeployOutcome outcome, String name, PrintWriter out,
      PrintWriter err, SecretScrubber scrubber) {
    String text;
    boolean failure = outcome.exitCode() != 0;
    if (outcome instanceof DeployOutcome.Running r) {
      text = "connector " + name + " is RUNNING with " + r.tasks() + " task(s) ("
          + (r.created() ? "created" : "updated") + ")";
    } else if (outcome instanceof DeployOutcome.Deleted d) {
      text = d.existed() ? "connector " + name + " deleted"
          : "connector " + name + " did not exist (nothing to delete)";
    } else if (outcome instanceof DeployOutcome.DryRun) {
      text = "dry run: connector " + name + " not deployed";
    } else if (outcome instanceof DeployOutcome.Rejected r) {
      text = "deploy: Connect rejected connector " + name + " (HTTP " + r.status() + "): "
          + r.message();
    } else if (outcome instanceof DeployOutcome.Invalid v) {
      StringBuilder b = new StringBuilder("deploy: Connect's validation of " + name + " found "
          + v.errorCount() + " error(s):");
      v.findings().forEach(f -> b.append(System.lineSeparator()).append(f));
      text = b.toString();
    } else if (outcome instanceof DeployOutcome.Failed f) {
      text = "deploy: connector " + name + ": " + f.what() + " FAILED: " + f.reason();
    } else if (outcome instanceof DeployOutcome.TimedOut t) {
      text = "deploy: connector " + name + " not RUNNING within the timeout; last: "
          + t.lastState();
    } else if (outcome instanceof DeployOutcome.Unreachable u) {
      text = "deploy: Kafka Connect unreachable within the timeout; last error: "
          + u.lastError();
    } else {
      throw new IllegalStateException("unknown outcome " + outcome);
    }
    PrintWriter to = failure ? err : out;
    to.println(scrubber.scrub(text));
    to.flush();
  }
}

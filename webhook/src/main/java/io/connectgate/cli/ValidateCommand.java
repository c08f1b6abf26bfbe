package io.connectgate.cli;

import io.connectgate.connector.ManifestFile;
import io.connectgate.connector.ManifestReader;
import io.connectgate.policy.PolicyException;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.SchemaCatalogException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate}: checks manifests or connector JSON files offline, for CI. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {
        "Checks Kafka Connect connectors declared in ConfigMaps, in Strimzi KafkaConnector and"
            + " Confluent for Kubernetes Connector resources, in Strimzi KafkaMirrorMaker2"
            + " resources, or in bare connector JSON files, against the schema catalog and policy,"
            + " and reports every finding at file:line:column.",
        "A KafkaMirrorMaker2 (kafka.strimzi.io v1beta2 or v1) is checked as the connectors"
            + " Strimzi's operator makes of it: one per sourceConnector, checkpointConnector and"
            + " (v1beta2) heartbeatConnector of each mirror, whose config has the target and source"
            + " cluster settings (alias, bootstrapServers, tls, authentication, config) and the"
            + " mirror's patterns filled in as the operator fills them. A finding on such a setting"
            + " points at the field it comes from (/spec/clusters/1/bootstrapServers,"
            + " /spec/mirrors/0/topicsPattern) and names the connectors concerned.",
        "Reads files, directories (every .yaml/.yml/.json under them), or '-' for stdin:"
            + " multi-document YAML, JSON, List objects and `helm template` output. A ConfigMap"
            + " is inspected when labelled connectgate.io/connector or when a data entry ending"
            + " in .json holds a connector document.",
        "Exit codes: 0 no finding at the --fail-on level (errors by default; warnings are"
            + " reported but pass), 1 such findings (or no connector with --require-connectors),"
            + " 2 usage or input error (a missing file, empty input, not a manifest, a bad"
            + " --policy or --schemas)."})
public final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, defaultValue = "text",
      paramLabel = "text|json|junit|sarif|github",
      description = "Report format: text (one line per finding and a summary), json, junit"
          + " (JUnit XML, one test case per connector), sarif (SARIF 2.1.0) or github (GitHub"
          + " Actions annotations). Default: ${DEFAULT-VALUE}.")
  ReportFormat output;

  @Option(names = "--fail-on", defaultValue = "error", paramLabel = "error|warning",
      description = "Lowest severity that fails the run (exit 1): error, or warning to fail on"
          + " warnings too. Default: ${DEFAULT-VALUE}.")
  FailOn failOn;

  @Option(names = "--require-connectors",
      description = "Exit 1 when the inputs hold no connector at all (a chart that renders"
          + " none, a wrong path).")
  boolean requireConnectors;

  @Mixin CatalogOption catalog;

  @Mixin PolicyOption policy;

  @Parameters(arity = "1..*", paramLabel = "PATH|-",
      description = "Manifest or connector JSON files or directories; '-' for stdin.")
  List<String> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Inspector engine;
      try {
        engine = policy.inspector(catalog);
      } catch (SchemaCatalogException | PolicyException e) {
        err.println("validate: " + e.getMessage());
        return 2;
      }
      ScanResult result = new ScanResult();
      boolean inputError = new Inputs(new ManifestScan(engine), err, "validate")
          .scanAll(paths, result, null);
      output.write(result, failOn.severity(), out);
      if (result.connectors == 0 && !inputError) {
        err.println("validate: no connector found in " + result.files.size()
            + (result.files.size() == 1 ? " file" : " files")
            + (requireConnectors ? " (--require-connectors)" : ""));
      }
      if (inputError) {
        return 2;
      }
      if (ReportFormat.fails(result, failOn.severity())) {
        return 1;
      }
      return requireConnectors && result.connectors == 0 ? 1 : 0;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Reads and scans every input, telling stderr about the ones that cannot be checked. */
  record Inputs(ManifestScan scan, PrintWriter err, String command, boolean emptyIsError) {

    Inputs(ManifestScan scan, PrintWriter err, String command) {
      this(scan, err, command, true);
    }

    /** Returns whether any input was an input error (exit 2). */
    boolean scanAll(List<String> paths, ScanResult result, InputListener listener) {
      ManifestReader reader = new ManifestReader();
      boolean inputError = false;
      for (String path : paths) {
        List<InputFiles.Input> inputs;
        try {
          inputs = InputFiles.expand(path);
        } catch (IOException e) {
          err.println(command + ": cannot read " + InputFiles.describe(path, e));
          inputError = true;
          continue;
        }
        for (InputFiles.Input input : inputs) {
          String text;
          try {
            text = InputFiles.read(input.name(), System.in);
          } catch (IOException e) {
            err.println(command + ": cannot read " + InputFiles.describe(input.name(), e));
            inputError = true;
            continue;
          }
          if (text.isBlank()) {
            if (!input.fromDirectory()) {
              err.println(command + ": " + InputFiles.emptyInput(input.name()));
              inputError |= emptyIsError;
            }
            continue;
          }
          ManifestFile file = reader.read(input.name(), text);
          boolean objects = scan.scan(file, result, listener == null ? null
              : (index, cm, inspection) -> listener.inspected(file, index, cm, inspection));
          if (listener != null) {
            listener.read(file, text);
          }
          if (!objects) {
            if (input.fromDirectory()) {
              err.println(command + ": skipped " + input.name() + ": not a Kubernetes manifest");
            } else {
              err.println(command + ": " + InputFiles.noObject(input.name()));
              inputError = true;
            }
          }
        }
      }
      return inputError;
    }
  }

  /** What mutate needs to see while inputs are scanned. */
  interface InputListener {
    void inspected(ManifestFile file, int document, tools.jackson.databind.node.ObjectNode configMap,
        io.connectgate.validation.Inspection inspection);

    void read(ManifestFile file, String text);
  }
}

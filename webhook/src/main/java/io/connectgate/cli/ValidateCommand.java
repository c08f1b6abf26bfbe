package io.connectgate.cli;

import io.connectgate.connector.ManifestFile;
import io.connectgate.connector.ManifestReader;
import io.connectgate.policy.PolicyException;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.ManifestInspector;
import io.connectgate.validation.SchemaCatalogException;
import io.connectgate.validation.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
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
        "Checks Kafka Connect connectors declared in ConfigMaps (or bare connector JSON files)"
            + " against the schema catalog and reports every finding.",
        "Reads multi-document YAML, JSON, List objects and `helm template` output; '-' reads"
            + " stdin. A ConfigMap is inspected when labelled connectgate.io/connector or when"
            + " a data entry ending in .json holds a connector document.",
        "Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 usage or I/O"
            + " error (e.g. a missing file)."})
public final class ValidateCommand implements Callable<Integer> {

  enum Output { text, json }

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
      description = "Output format: one line per finding (text) or a JSON report (json)."
          + " Default: ${DEFAULT-VALUE}.")
  Output output;

  @Mixin CatalogOption catalog;

  @Mixin PolicyOption policy;

  @Parameters(arity = "1..*", paramLabel = "PATH|-",
      description = "Manifest or connector JSON files; '-' for stdin.")
  List<String> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Inspector engine;
    try {
      engine = policy.inspector(catalog);
    } catch (SchemaCatalogException | PolicyException e) {
      err.println("validate: " + e.getMessage());
      err.flush();
      return 2;
    }
    ManifestReader reader = new ManifestReader();
    ManifestInspector inspector = new ManifestInspector(engine);
    List<Finding> findings = new ArrayList<>();
    boolean ioError = false;
    int files = 0;
    int[] connectors = {0};
    for (String path : paths) {
      String text;
      try {
        text = InputFiles.read(path, System.in);
      } catch (IOException e) {
        err.println("validate: cannot read " + InputFiles.describe(e));
        ioError = true;
        continue;
      }
      files++;
      ManifestFile file = reader.read(path, text);
      findings.addAll(inspector.inspect(file,
          (cm, inspection) -> connectors[0] += inspection.documents().size()));
    }
    FindingReport report = new FindingReport();
    if (output == Output.json) {
      out.println(report.jsonText(findings, files, connectors[0]));
    } else {
      findings.forEach(f -> out.println(report.line(f)));
    }
    out.flush();
    err.flush();
    if (ioError) {
      return 2;
    }
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? 1 : 0;
  }
}

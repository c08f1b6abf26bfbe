package io.connectgate.cli;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ManifestFile;
import io.connectgate.connector.ManifestReader;
import io.connectgate.mutation.ConfigMapPatch;
import io.connectgate.mutation.MutatedDocument;
import io.connectgate.mutation.Mutator;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.ManifestInspector;
import io.connectgate.validation.SchemaCatalog;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** {@code mutate}: prints the manifests with the schema's defaults injected. */
@Command(name = "mutate", mixinStandardHelpOptions = true,
    description = {
        "Prints the manifests with connector defaults injected, as the mutating webhook would"
            + " (for Replicator: ByteArrayConverter converters and Confluent monitoring"
            + " interceptors with bootstrap and security settings copied from src.kafka.*).",
        "Only missing keys are added; running mutate on its output changes nothing. Injected"
            + " keys are recorded in the annotation connectgate.io/injected. YAML in gives YAML"
            + " out (comments are not kept), JSON in gives JSON out; a bare connector JSON"
            + " file is printed as connector JSON.",
        "Findings go to stderr. Exit codes: 0 printed, 2 usage or I/O error or a connector"
            + " with errors (nothing is printed then; run validate for details)."})
public final class MutateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CatalogOption catalog;

  @Parameters(arity = "1", paramLabel = "PATH|-", description = "Manifest or connector JSON file;"
      + " '-' for stdin.")
  String path;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      SchemaCatalog schemas = catalog.load();
      ConnectorEngine engine = new ConnectorEngine(schemas);
      Mutator mutator = new Mutator(schemas);
      String text = InputFiles.read(path, System.in);
      ManifestFile file = new ManifestReader().read(path, text);
      ConfigMapPatch patches = new ConfigMapPatch();
      List<MutatedDocument> bare = new ArrayList<>(1);
      List<Finding> findings = new ManifestInspector(engine).inspect(file, (cm, inspection) -> {
        if (inspection.hasErrors()) {
          return;
        }
        List<MutatedDocument> mutated = new ArrayList<>(1);
        String target = cm == null ? null : cm.path("metadata").path("annotations")
            .path(ConfigMapView.MONITORING_TARGET_ANNOTATION).asString(null);
        inspection.documents().forEach(d -> {
          MutatedDocument m = mutator.mutate(d, target);
          if (m != null) {
            mutated.add(m);
          }
        });
        if (cm == null) {
          bare.addAll(mutated);
        } else if (!mutated.isEmpty()) {
          patches.apply(cm, mutated);
        }
      });
      FindingReport report = new FindingReport();
      findings.forEach(f -> err.println(report.line(f)));
      if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
        err.println("mutate: not mutated: the input has errors");
        return 2;
      }
      out.print(render(file, text, bare));
      return 0;
    } catch (SchemaCatalogException e) {
      err.println("mutate: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("mutate: cannot read " + InputFiles.describe(e));
      return 2;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static String render(ManifestFile file, String original, List<MutatedDocument> bare) {
    switch (file.format()) {
      case CONNECTOR_JSON -> {
        return bare.isEmpty() ? original : bare.get(0).text() + System.lineSeparator();
      }
      case JSON -> {
        ObjectMapper json = JsonMapper.builder().build();
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(file.documents().get(0))
            + System.lineSeparator();
      }
      default -> {
        YAMLMapper yaml = YAMLMapper.builder()
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE, YAMLWriteFeature.MINIMIZE_QUOTES,
                YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();
        StringBuilder sb = new StringBuilder();
        for (JsonNode doc : file.documents()) {
          sb.append(yaml.writeValueAsString(doc));
        }
        return sb.toString();
      }
    }
  }
}

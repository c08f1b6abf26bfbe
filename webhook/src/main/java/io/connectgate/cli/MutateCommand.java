package io.connectgate.cli;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.DocumentPositions;
import io.connectgate.connector.ManifestFile;
import io.connectgate.mutation.ConfigMapPatch;
import io.connectgate.mutation.MutatedDocument;
import io.connectgate.mutation.Mutator;
import io.connectgate.policy.PolicyException;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.SchemaCatalog;
import io.connectgate.validation.SchemaCatalogException;
import io.connectgate.validation.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** {@code mutate}: prints the manifests with connector defaults injected, as the webhook would. */
@Command(name = "mutate", mixinStandardHelpOptions = true,
    description = {
        "Prints the manifests with connector defaults injected, exactly as the mutating webhook"
            + " would (the same JSON patch; for Replicator: ByteArrayConverter converters and"
            + " Confluent monitoring interceptors with bootstrap and security settings copied"
            + " from src.kafka.*), so that what is in Git already carries them.",
        "A filter: stdout carries only the manifests; every document that is not a connector"
            + " ConfigMap, and every connector ConfigMap that needs nothing, is copied byte for"
            + " byte (comments and separators included); a mutated ConfigMap is written again as"
            + " YAML (its own comments are lost). Works as a Helm post-renderer"
            + " (helm install --post-renderer ./connectgate-mutate.sh). Only missing keys are"
            + " added, and mutating the output again changes nothing. Connector resources"
            + " (KafkaConnector, KafkaMirrorMaker2, Connector) are validated but never changed. Empty input gives"
            + " empty output (a chart that renders nothing), said on stderr.",
        "Findings go to stderr (format -o). Exit codes: 0 printed, 1 a connector has errors"
            + " (the webhook would deny it; nothing is printed), 2 usage or input error."})
public final class MutateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json|junit|sarif|github",
      description = "Format of the findings written to stderr (as validate's -o). Default:"
          + " ${DEFAULT-VALUE}.")
  ReportFormat output;

  @Mixin CatalogOption catalog;

  @Mixin PolicyOption policy;

  @Parameters(arity = "1..*", paramLabel = "PATH|-", description = "Manifest or connector JSON"
      + " files or directories; '-' for stdin (a Helm post-renderer gets the manifests there).")
  List<String> paths;

  private final YAMLMapper yaml = YAMLMapper.builder()
      .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE, YAMLWriteFeature.MINIMIZE_QUOTES,
          YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.SPLIT_LINES, YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .build();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      SchemaCatalog schemas;
      Inspector engine;
      try {
        schemas = catalog.load();
        engine = policy.inspector(schemas);
      } catch (SchemaCatalogException | PolicyException e) {
        err.println("mutate: " + e.getMessage());
        return 2;
      }
      Mutator mutator = new Mutator(schemas);
      ConfigMapPatch patches = new ConfigMapPatch();
      StringBuilder printed = new StringBuilder();
      ScanResult result = new ScanResult();
      // Per file: the documents whose ConfigMaps were patched, and a bare connector's mutation.
      TreeMap<Integer, Boolean> changed = new TreeMap<>();
      List<MutatedDocument> bare = new ArrayList<>(1);
      boolean inputError = new ValidateCommand.Inputs(new ManifestScan(engine), err, "mutate", false)
          .scanAll(paths, result, new ValidateCommand.InputListener() {
            @Override
            public void inspected(ManifestFile file, int document, ObjectNode configMap,
                Inspection inspection) {
              if (!inspection.carriesConnectors() || inspection.hasErrors()) {
                return;
              }
              List<MutatedDocument> mutated = new ArrayList<>(1);
              String target = configMap.path("metadata").path("annotations")
                  .path(ConfigMapView.MONITORING_TARGET_ANNOTATION).asString(null);
              inspection.documents().forEach(d -> {
                MutatedDocument m = mutator.mutate(d, target);
                if (m != null) {
                  mutated.add(m);
                }
              });
              if (!mutated.isEmpty()) {
                // The webhook's own patch, applied as the API server would apply it.
                PatchApplier.apply(configMap, patches.patch(configMap, mutated));
                changed.put(document, true);
              }
            }

            @Override
            public void read(ManifestFile file, String text) {
              if (file.format() == ManifestFile.Format.CONNECTOR_JSON) {
                Inspection i = engine.inspectConnectorText(file.connectorText(),
                    new io.connectgate.connector.Origin(file.name(), 0, null, null));
                if (!i.hasErrors() && !i.documents().isEmpty()) {
                  MutatedDocument m = mutator.mutate(i.documents().get(0));
                  if (m != null) {
                    bare.add(m);
                  }
                }
              }
              append(printed, render(file, text, changed, bare));
              changed.clear();
              bare.clear();
            }
          });
      output.write(result, Severity.ERROR, err);
      if (inputError) {
        return 2;
      }
      if (ReportFormat.fails(result, Severity.ERROR)) {
        err.println("mutate: nothing printed: a connector has errors (the webhook would deny it)");
        return 1;
      }
      out.print(printed);
      return 0;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Several inputs are one stream: a separator between them. */
  private static void append(StringBuilder printed, String text) {
    if (printed.length() > 0) {
      if (printed.charAt(printed.length() - 1) != '\n') {
        printed.append('\n');
      }
      printed.append("---\n");
    }
    printed.append(text);
  }

  private String render(ManifestFile file, String original, TreeMap<Integer, Boolean> changed,
      List<MutatedDocument> bare) {
    switch (file.format()) {
      case CONNECTOR_JSON -> {
        return bare.isEmpty() ? original : bare.get(0).text() + "\n";
      }
      case JSON -> {
        return changed.isEmpty() ? original : JsonMapper.builder().build()
            .writerWithDefaultPrettyPrinter().writeValueAsString(file.documents().get(0)) + "\n";
      }
      default -> {
        return spliced(file, original, changed);
      }
    }
  }

  /**
   * The original text with each changed document's span replaced by its YAML; everything else
   * (other documents, comments, separators) byte for byte.
   */
  private String spliced(ManifestFile file, String original, TreeMap<Integer, Boolean> changed) {
    if (changed.isEmpty()) {
      return original;
    }
    String bom = original.startsWith("\uFEFF") ? "\uFEFF" : "";
    String body = original.substring(bom.length());
    StringBuilder sb = new StringBuilder(bom);
    int at = 0;
    for (int index : changed.keySet()) {
      DocumentPositions p = file.positionsOf(index);
      if (p == null) {
        return wholeFile(file); // positions unknown: the documents as YAML, comments lost
      }
      sb.append(body, at, p.start());
      String doc = yaml.writeValueAsString(file.documents().get(index));
      sb.append(doc);
      at = p.end();
      if (doc.endsWith("\n") && at < body.length() && body.charAt(at) == '\n'
          && (at == 0 || body.charAt(at - 1) != '\n')) {
        at++; // the span ended before its line break; the YAML brought its own
      }
    }
    sb.append(body, at, body.length());
    return sb.toString();
  }

  private String wholeFile(ManifestFile file) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode doc : file.documents()) {
      if (sb.length() > 0) {
        sb.append("---\n");
      }
      sb.append(yaml.writeValueAsString(doc));
    }
    return sb.toString();
  }
}

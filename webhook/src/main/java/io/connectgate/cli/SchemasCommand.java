package io.connectgate.cli;

import io.connectgate.validation.CatalogReport;
import io.connectgate.validation.SchemaCatalog;
import io.connectgate.validation.SchemaCatalogException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schemas}: what the schema catalog holds, which classes each schema claims, from where. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
    description = {
        "Lists the loaded schema catalog: every schema file, the connector classes it claims"
            + " (or that it is the fallback for unclaimed classes, or a library of shared"
            + " definitions) and where it came from (built-in, or a path under --schemas).",
        "Loads the catalog exactly as serve, validate and mutate do, so a broken schema"
            + " directory fails here with every problem listed.",
        "Exit codes: 0 listed, 2 usage error or a catalog that does not load."})
public final class SchemasCommand implements Callable<Integer> {

  enum Output { text, json }

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
      description = "Output format. Default: ${DEFAULT-VALUE}.")
  Output output;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SchemaCatalog loaded;
    try {
      loaded = catalog.load();
    } catch (SchemaCatalogException e) {
      err.println("schemas: " + e.getMessage());
      err.flush();
      return 2;
    }
    CatalogReport report = new CatalogReport();
    out.print(output == Output.json ? report.jsonText(loaded) + "\n" : report.text(loaded));
    out.flush();
    return 0;
  }
}

package io.connectgate.schemagen;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar connectgate-schemagen.jar --plugin-path DIR -o OUT}: one JSON Schema per
 * connector, converter, transformation and predicate of the given Connect plugins, read with
 * Connect's own plugin isolation, for {@code connectgate --schemas OUT}.
 */
@Command(name = "connectgate-schemagen", mixinStandardHelpOptions = true,
    versionProvider = PluginSchemaCommand.Version.class,
    sortOptions = false,
    description = {
        "Writes a JSON Schema for every connector, converter, header converter, transformation"
            + " and predicate of Kafka Connect plugins, from each plugin's own ConfigDef"
            + " (types, defaults, ranges, enums, PASSWORD as sensitive, documentation).",
        "Plugins are loaded as a Connect worker loads them (plugin.path, one isolated class"
            + " loader per plugin). Load the output directory with"
            + " `connectgate serve|validate --schemas DIR`.",
        "Exit codes: 0 written; 1 some plugin's ConfigDef could not be read in time (the"
            + " others are written); 2 usage error, no plugin found, or I/O error."})
public final class PluginSchemaCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** The Kafka Connect runtime the plugins are loaded with. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"connectgate-schemagen (Kafka Connect " + SchemaGenerator.kafkaVersion()
          + ")"};
    }
  }

  @Option(names = "--plugin-path", split = ",", paramLabel = "DIR",
      description = "A directory as in Connect's plugin.path: each sub-directory or jar in it"
          + " is one plugin (repeatable, or comma-separated).")
  List<Path> pluginPath = new ArrayList<>();

  @Option(names = "--jar", paramLabel = "FILE",
      description = "A plugin jar; all --jar files together are loaded as one plugin (a"
          + " connector jar and the jars it needs). Repeatable.")
  List<Path> jars = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Directory to write <class>.schema.json files into (created if missing;"
          + " existing files of the same name are replaced).")
  Path output;

  @Option(names = "--plugin-discovery", defaultValue = "hybrid_warn", paramLabel = "MODE",
      description = "Connect's plugin.discovery: only_scan, hybrid_warn (default, as a"
          + " worker), hybrid_fail or service_load (fastest: only plugins with ServiceLoader"
          + " manifests).")
  String discovery;

  @Option(names = "--config-timeout-seconds", defaultValue = "60", paramLabel = "N",
      description = "How long the plugins' config() calls may take, all together (default:"
          + " ${DEFAULT-VALUE}); a plugin that has not answered by then is reported and left"
          + " out.")
  int configTimeoutSeconds;

  @Option(names = "--include-classpath",
      description = "Also write schemas for the plugins on the generator's own classpath"
          + " (Kafka's converters and SMTs), left out by default: connectgate already knows"
          + " their settings. The connectors connectgate's built-in schemas claim (MirrorMaker,"
          + " FileStream) are never written, from anywhere.")
  boolean includeClasspath;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new PluginSchemaCommand());
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (pluginPath.isEmpty() && jars.isEmpty() && !includeClasspath) {
      err.println("give --plugin-path DIR or --jar FILE (see --help)");
      return 2;
    }
    List<String> problems = new ArrayList<>();
    if (configTimeoutSeconds < 1) {
      err.println("--config-timeout-seconds must be at least 1");
      return 2;
    }
    if (!List.of("only_scan", "hybrid_warn", "hybrid_fail", "service_load").contains(discovery)) {
      err.println("--plugin-discovery must be one of only_scan, hybrid_warn, hybrid_fail,"
          + " service_load");
      return 2;
    }
    for (Path p : pluginPath) {
      if (!Files.isDirectory(p)) {
        problems.add("--plugin-path " + p + ": not a directory");
      }
    }
    for (Path j : jars) {
      if (!Files.isRegularFile(j)) {
        problems.add("--jar " + j + ": not a file");
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(err::println);
      return 2;
    }
    Path jarDir = jars.isEmpty() ? null : jarPlugin();
    try {
      List<Path> path = new ArrayList<>(pluginPath);
      if (jarDir != null) {
        path.add(jarDir);
      }
      List<PluginConfig> plugins = PluginScan.scan(path, discovery, includeClasspath,
          java.time.Duration.ofSeconds(configTimeoutSeconds), problems);
      if (plugins.isEmpty() && problems.isEmpty()) {
        err.println("no connector, converter, transformation or predicate found in " + path);
        return 2;
      }
      List<PluginConfig> written = new ArrayList<>();
      for (PluginConfig p : plugins) {
        if (PluginScan.BUILT_IN_CLAIMS.contains(p.className())) {
          out.println("not written: " + p.className() + " (connectgate's built-in schemas"
              + " claim it)");
        } else {
          written.add(p);
        }
      }
      PluginSchemaWriter writer = new PluginSchemaWriter();
      Map<String, String> files = writer.files(written);
      Files.createDirectories(output);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = output.resolve(f.getKey());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        out.println("wrote " + target);
      }
      if (!writer.unmappedValidators().isEmpty()) {
        out.println("constraints of these validators are not in the schemas (no JSON Schema"
            + " equivalent): " + String.join(", ", writer.unmappedValidators()));
      }
      problems.forEach(err::println);
      return problems.isEmpty() ? 0 : 1;
    } finally {
      if (jarDir != null) {
        delete(jarDir);
      }
    }
  }

  /** The --jar files copied into one plugin location of a temporary plugin.path entry. */
  private Path jarPlugin() throws IOException {
    Path root = Files.createTempDirectory("connectgate-schemagen");
    Path plugin = Files.createDirectory(root.resolve("jars"));
    for (Path j : jars) {
      Files.copy(j, plugin.resolve(j.getFileName()));
    }
    return root;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

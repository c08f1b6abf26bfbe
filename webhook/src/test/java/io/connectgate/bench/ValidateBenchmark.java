package io.connectgate.bench;

import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Review;
import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConfigMapViews;
import io.connectgate.connector.ManifestReader;
import io.connectgate.connector.Origin;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.SchemaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * Validating the example chart's ConfigMap (parse the connector JSON, schema, rules) and the
 * full admission path with mutation. Not run by {@code mvn verify}; see README "Performance".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidateBenchmark {

  private ConnectorEngine engine;
  private EngineReviewer reviewer;
  private ConfigMapView view;
  private JsonNode configMap;

  @Setup
  public void setUp() throws IOException {
    Path schemas = Files.isDirectory(Path.of("schemas")) ? Path.of("schemas") : Path.of("../schemas");
    SchemaCatalog catalog = SchemaCatalog.loadOnly(schemas);
    engine = new ConnectorEngine(catalog);
    reviewer = new EngineReviewer(catalog);
    Path example = Path.of("webhook/src/test/resources/manifests/example-chart.yaml");
    if (!Files.exists(example)) {
      example = Path.of("src/test/resources/manifests/example-chart.yaml");
    }
    configMap = new ManifestReader().read("example", Files.readString(example)).documents().get(0);
    view = ConfigMapViews.fromJson(configMap, Origin.admission("default", "replicator"));
  }

  @Benchmark
  public Inspection validateExampleChart() {
    return engine.inspect(view);
  }

  @Benchmark
  public Review reviewAndMutateExampleChart() {
    return reviewer.review(configMap, "default", "replicator", true);
  }
}

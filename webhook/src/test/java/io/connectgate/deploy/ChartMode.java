package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One documented configuration of a chart: the defaults, or a ci/*-values.yaml file, with the
 * merged values that the expectations are derived from.
 */
record ChartMode(String name, Path chart, Path valuesFile, Map<String, Object> values) {

  static ChartMode of(Path chart, Path valuesFile) {
    String name = valuesFile == null ? "defaults" : valuesFile.getFileName().toString();
    return new ChartMode(name, chart, valuesFile, Charts.mergedValues(chart, valuesFile));
  }

  /** The defaults followed by every ci/ values file of the chart, as named test arguments. */
  static Stream<Arguments> all(Path chart) {
    Stream<ChartMode> modes = Stream.concat(
        Stream.of(of(chart, null)),
        Charts.modeValuesFiles(chart).stream().map(f -> of(chart, f)));
    return modes.map(m -> Arguments.of(Named.of(m.name(), m)));
  }

  String string(String dottedPath) {
    Object value = Charts.value(values, dottedPath);
    return value == null ? "" : value.toString();
  }

  /** {@code helm lint --strict} of the chart with this mode's values passes. */
  void assertLintsStrictly() {
    LintResult result = Charts.lint(chart, valuesFile);
    assertFalse(result.isFailed(),
        "helm lint --strict should pass for " + name + ": " + result.getMessages());
  }

  boolean flag(String dottedPath) {
    return Boolean.TRUE.equals(Charts.value(values, dottedPath));
  }

  @SuppressWarnings("unchecked")
  List<String> list(String dottedPath) {
    Object value = Charts.value(values, dottedPath);
    return value == null ? List.of() : (List<String>) value;
  }

  String render() {
    return Charts.template(chart, valuesFile);
  }

  String renderWithHooks() {
    return Charts.templateWithHooks(chart, valuesFile, Map.of());
  }
}

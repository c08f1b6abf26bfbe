package io.connectgate.deploy;

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

package io.connectgate.cli;

import io.connectgate.validation.LocatedFinding;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What validate (or mutate) found over all its inputs: the files read, every connector checked
 * and every finding (located), in input order.
 */
final class ScanResult {

  final List<String> files = new ArrayList<>();
  final List<CheckedConnector> checked = new ArrayList<>();
  /** Connector documents found (ConfigMap entries, resources, bare files). */
  int connectors;

  List<LocatedFinding> findings() {
    List<LocatedFinding> all = new ArrayList<>();
    checked.forEach(c -> all.addAll(c.findings()));
    return all;
  }

  long count(Severity s) {
    return findings().stream().filter(f -> f.finding().severity() == s).count();
  }
}

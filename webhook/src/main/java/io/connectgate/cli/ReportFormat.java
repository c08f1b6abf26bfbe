package io.connectgate.cli;

import io.connectgate.validation.FindingReport;
import io.connectgate.validation.LocatedFinding;
import io.connectgate.validation.Severity;
import java.io.PrintWriter;
import java.util.List;

/** The {@code -o} formats of validate and mutate, and how each writes a {@link ScanResult}. */
enum ReportFormat {
  text, json, junit, sarif, github;

  /**
   * Writes the report. Text ends with a summary line, and says when no connector was found;
   * the machine formats stay parseable (notes go to the caller's stderr).
   */
  void write(ScanResult result, Severity failOn, PrintWriter out) {
    List<LocatedFinding> findings = result.findings();
    FindingReport report = new FindingReport();
    switch (this) {
      case text -> {
        findings.forEach(f -> out.println(report.line(f)));
        out.println(report.summary(result.files.size(), result.connectors, findings)
            + (result.connectors == 0 ? " (no connector found)" : ""));
      }
      case json -> out.println(report.jsonText(
          report.jsonLocated(findings, result.files.size(), result.connectors)));
      case junit -> out.print(new JunitReport().render(result.checked, failOn));
      case sarif -> out.println(new SarifReport().render(findings, new VersionProvider().getVersion()[0]
          .replaceFirst("^connectgate ", "")));
      case github -> {
        new GithubReport().lines(findings).forEach(out::println);
        out.println(report.summary(result.files.size(), result.connectors, findings)
            + (result.connectors == 0 ? " (no connector found)" : ""));
      }
    }
  }

  /** Whether the findings make the command fail (exit 1) at this {@code --fail-on} level. */
  static boolean fails(ScanResult result, Severity failOn) {
    return result.findings().stream().anyMatch(f -> JunitReport.reaches(f, failOn));
  }
}

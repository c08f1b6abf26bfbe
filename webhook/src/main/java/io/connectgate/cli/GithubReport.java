package io.connectgate.cli;

import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.LocatedFinding;
import java.util.List;

/**
 * {@code -o github}: GitHub Actions workflow commands ({@code ::error file=F,line=L,col=C,
 * title=RULE::MESSAGE}), which the runner turns into annotations on the pull request's diff.
 * Values are escaped as the runner expects ({@code %}, CR, LF; and {@code :} and {@code ,} in
 * properties) so that a message cannot end its command early or start another one.
 */
final class GithubReport {

  String line(LocatedFinding l) {
    Finding f = l.finding();
    String command = switch (f.severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case AUDIT -> "notice";
    };
    StringBuilder sb = new StringBuilder("::").append(command).append(' ');
    if (l.file() != null && !"-".equals(l.file())) {
      sb.append("file=").append(property(l.file())).append(',');
      if (l.at() != null) {
        sb.append("line=").append(l.at().line()).append(",col=").append(l.at().column()).append(',');
      }
    }
    sb.append("title=").append(property("connectgate " + FindingReport.rule(f)));
    String pointer = f.location().pointer();
    String where = f.location().origin() == null || f.location().origin().name() == null ? ""
        : f.location().origin().objectRef() + " ";
    if (f.location().dataKey() != null) {
      where += "data[" + f.location().dataKey() + "] ";
    }
    if (pointer != null && !pointer.isEmpty()) {
      where += pointer + " ";
    }
    sb.append("::").append(data((where.isEmpty() ? "" : where.strip() + ": ") + FindingReport.message(f)));
    return sb.toString();
  }

  List<String> lines(List<LocatedFinding> findings) {
    return findings.stream().map(this::line).toList();
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}

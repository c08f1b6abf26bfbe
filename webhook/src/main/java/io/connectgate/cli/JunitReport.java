package io.connectgate.cli;

import io.connectgate.validation.FindingReport;
import io.connectgate.validation.LocatedFinding;
import io.connectgate.validation.Severity;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code -o junit}: JUnit XML (the Ant/Surefire shape CI servers read), one {@code testsuite}
 * per input file and one {@code testcase} per connector checked. A test case fails when a
 * finding reaches the {@code --fail-on} level; the other findings go to its
 * {@code system-out}. Written with the JDK's StAX writer, which escapes every value.
 */
final class JunitReport {

  String render(List<CheckedConnector> checked, Severity failOn) {
    Map<String, List<CheckedConnector>> byFile = new LinkedHashMap<>();
    checked.forEach(c -> byFile.computeIfAbsent(c.file(), k -> new ArrayList<>()).add(c));
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeAttribute("name", "connectgate validate");
      w.writeAttribute("tests", String.valueOf(checked.size()));
      w.writeAttribute("failures", String.valueOf(checked.stream().filter(c -> fails(c, failOn)).count()));
      for (Map.Entry<String, List<CheckedConnector>> e : byFile.entrySet()) {
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", ManifestScan.display(e.getKey()));
        w.writeAttribute("tests", String.valueOf(e.getValue().size()));
        w.writeAttribute("failures", String.valueOf(e.getValue().stream().filter(c -> fails(c, failOn)).count()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", "0");
        for (CheckedConnector c : e.getValue()) {
          testcase(w, c, failOn);
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return out.toString();
  }

  private static void testcase(XMLStreamWriter w, CheckedConnector c, Severity failOn)
      throws XMLStreamException {
    FindingReport report = new FindingReport();
    w.writeCharacters("\n    ");
    w.writeStartElement("testcase");
    w.writeAttribute("classname", ManifestScan.display(c.file()));
    w.writeAttribute("name", c.name());
    List<LocatedFinding> failing = c.findings().stream().filter(f -> reaches(f, failOn)).toList();
    List<LocatedFinding> other = c.findings().stream().filter(f -> !reaches(f, failOn)).toList();
    if (!failing.isEmpty()) {
      w.writeCharacters("\n      ");
      w.writeStartElement("failure");
      LocatedFinding first = failing.get(0);
      w.writeAttribute("type", FindingReport.rule(first.finding()));
      w.writeAttribute("message", failing.size() == 1 ? FindingReport.message(first.finding())
          : failing.size() + " findings; first: " + FindingReport.message(first.finding()));
      w.writeCharacters(String.join("\n", failing.stream().map(report::line).toList()));
      w.writeEndElement();
    }
    if (!other.isEmpty()) {
      w.writeCharacters("\n      ");
      w.writeStartElement("system-out");
      w.writeCharacters(String.join("\n", other.stream().map(report::line).toList()));
      w.writeEndElement();
    }
    if (!failing.isEmpty() || !other.isEmpty()) {
      w.writeCharacters("\n    ");
    }
    w.writeEndElement();
  }

  static boolean fails(CheckedConnector c, Severity failOn) {
    return c.findings().stream().anyMatch(f -> reaches(f, failOn));
  }

  /** ERROR always reaches; WARNING reaches when failing on warnings. */
  static boolean reaches(LocatedFinding f, Severity failOn) {
    Severity s = f.finding().severity();
    return s == Severity.ERROR || (failOn == Severity.WARNING && s == Severity.WARNING);
  }
}

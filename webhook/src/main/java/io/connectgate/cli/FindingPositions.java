package io.connectgate.cli;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConnectorResource;
import io.connectgate.connector.DocumentPositions;
import io.connectgate.connector.JsonPointers;
import io.connectgate.connector.JsonPositions;
import io.connectgate.connector.JsonProblem;
import io.connectgate.connector.NodePosition;
import io.connectgate.connector.TextPosition;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.LocatedFinding;
import io.connectgate.validation.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locates findings of one object at line:column of the input file. A setting inside the
 * connector JSON of a ConfigMap data value is found in that JSON and mapped to the file: a
 * literal block scalar ({@code |}) keeps its lines, so the line inside it is added to the
 * line its content starts on; for a quoted, plain or folded value (and for a JSON manifest,
 * where the value is one JSON string) the finding is placed where the value starts.
 */
final class FindingPositions {

  /** Syntax and duplicate-key findings say their line and column inside the JSON text. */
  private static final Pattern LINE_COLUMN = Pattern.compile("at line (\\d+), column (\\d+)");

  private final DocumentPositions positions;
  private final String objectPointer;

  /**
   * @param positions the document's positions (null when unknown: findings stay unlocated)
   * @param objectPointer the object's pointer in the document ("" or {@code /items/N})
   */
  FindingPositions(DocumentPositions positions, String objectPointer) {
    this.positions = positions;
    this.objectPointer = objectPointer;
  }

  static TextPosition at(JsonProblem problem) {
    return problem.line() > 0 ? new TextPosition(problem.line(), Math.max(1, problem.column())) : null;
  }

  /** A bare connector file: the document is the file. */
  List<LocatedFinding> locateBare(Inspection i) {
    String configPointer = i.documents().isEmpty() ? null : i.documents().get(0).configPointer();
    List<LocatedFinding> out = new ArrayList<>();
    for (Finding f : i.findings()) {
      TextPosition inText = reportedInText(f);
      TextPosition at = inText != null ? inText : positions == null ? null
          : positions.nearest(escape(f.location().pointer(), configPointer));
      out.add(new LocatedFinding(f, at));
    }
    return out;
  }

  LocatedFinding locateInConfigMap(Finding f, ConfigMapView view, String configPointer) {
    if (positions == null) {
      return new LocatedFinding(f, null);
    }
    String key = f.location().dataKey();
    if (key == null) {
      return new LocatedFinding(f, positions.nearest(objectPointer));
    }
    String dataPointer = objectPointer + "/data/" + JsonPointers.escape(key);
    NodePosition value = positions.at(dataPointer);
    if (value == null) {
      return new LocatedFinding(f, positions.nearest(dataPointer));
    }
    TextPosition inText = reportedInText(f);
    if (inText == null) {
      String json = view.data().get(key);
      DocumentPositions inJson = json == null ? null : JsonPositions.of(json);
      inText = inJson == null ? null
          : inJson.nearest(escape(f.location().pointer(), configPointer));
    }
    return new LocatedFinding(f, inText == null ? value.setting() : value.inside(inText.line(), inText.column()));
  }

  List<LocatedFinding> locateResource(Inspection i, ConnectorResource resource) {
    List<LocatedFinding> out = new ArrayList<>();
    for (Finding f : i.findings()) {
      TextPosition at = positions == null ? null
          : positions.nearest(objectPointer + escape(f.location().pointer(), resource.settingMaps()));
      out.add(new LocatedFinding(f, at));
    }
    return out;
  }

  /** {@link #escape(String, String)} with the longest of the setting maps the pointer is in. */
  static String escape(String displayPointer, List<String> settingMaps) {
    String longest = null;
    for (String map : settingMaps) {
      if (displayPointer != null && displayPointer.startsWith(map + "/")
          && (longest == null || map.length() > longest.length())) {
        longest = map;
      }
    }
    return escape(displayPointer, longest);
  }

  /** The line/column a syntax or duplicate-key finding states for itself. */
  private static TextPosition reportedInText(Finding f) {
    if (!Rules.JSON_SYNTAX.equals(f.rule()) && !Rules.DUPLICATE_KEY.equals(f.rule())) {
      return null;
    }
    Matcher m = LINE_COLUMN.matcher(f.message());
    if (!m.find()) {
      return null;
    }
    try {
      return new TextPosition(Integer.parseInt(m.group(1)), Math.max(1, Integer.parseInt(m.group(2))));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The escaped pointer of a finding's display pointer: the key after the config object's
   * pointer is one property name, even when it contains "/" (e.g. {@code topic.regex/x}).
   */
  static String escape(String displayPointer, String configPointer) {
    if (displayPointer == null || displayPointer.isEmpty()) {
      return "";
    }
    if (configPointer != null && displayPointer.startsWith(configPointer + "/")) {
      return configPointer + "/"
          + JsonPointers.escape(displayPointer.substring(configPointer.length() + 1));
    }
    return displayPointer;
  }
}

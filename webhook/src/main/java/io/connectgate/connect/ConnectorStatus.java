package io.connectgate.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code GET /connectors/{name}/status}, reduced to what deploy decides on.
 * States are Connect's: UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING.
 */
public record ConnectorStatus(String connectorState, String connectorTrace, List<Task> tasks) {

  public record Task(int id, String state, String trace) {}

  /** What the status means for a deploy that wants at least {@code minTasks} tasks. */
  public sealed interface Verdict {
    /** Connector and all (at least minTasks) tasks RUNNING. */
    record Running(int tasks) implements Verdict {}

    /** Connector or a task FAILED; {@code reason} is the first line of its trace. */
    record Failed(String what, String reason) implements Verdict {}

    /** Not there yet; {@code summary} says where it stands. */
    record Pending(String summary) implements Verdict {}
  }

  public ConnectorStatus {
    tasks = List.copyOf(tasks);
  }

  public static ConnectorStatus from(JsonNode body) {
    JsonNode connector = body.path("connector");
    List<Task> tasks = new ArrayList<>();
    for (JsonNode t : body.path("tasks")) {
      tasks.add(new Task(t.path("id").asInt(-1), t.path("state").asString("UNKNOWN"),
          t.path("trace").asString(null)));
    }
    return new ConnectorStatus(connector.path("state").asString("UNKNOWN"),
        connector.path("trace").asString(null), tasks);
  }

  public Verdict verdict(int minTasks) {
    if ("FAILED".equals(connectorState)) {
      return new Verdict.Failed("connector", firstLine(connectorTrace));
    }
    for (Task t : tasks) {
      if ("FAILED".equals(t.state())) {
        return new Verdict.Failed("task " + t.id(), firstLine(t.trace()));
      }
    }
    boolean allTasksRunning = tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
    if ("RUNNING".equals(connectorState) && allTasksRunning && tasks.size() >= minTasks) {
      return new Verdict.Running(tasks.size());
    }
    return new Verdict.Pending(summary());
  }

  /** "connector RUNNING, tasks: 1 UNASSIGNED" — for progress and time-out messages. */
  public String summary() {
    Map<String, Integer> counts = new TreeMap<>();
    tasks.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    StringBuilder s = new StringBuilder("connector ").append(connectorState).append(", tasks: ");
    if (counts.isEmpty()) {
      s.append("none");
    } else {
      List<String> parts = new ArrayList<>();
      counts.forEach((state, n) -> parts.add(n + " " + state));
      s.append(String.join(", ", parts));
    }
    return s.toString();
  }

  static String firstLine(String trace) {
    if (trace == null || trace.isBlank()) {
      return "no trace given";
    }
    String line = trace.strip().lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}

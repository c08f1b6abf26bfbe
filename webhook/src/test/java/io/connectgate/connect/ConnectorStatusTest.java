package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ConnectorStatusTest {

  private static ConnectorStatus parse(String json) {
    return ConnectorStatus.from(JsonMapper.builder().build().readTree(json));
  }

  @Test
  void runningNeedsConnectorAndEveryTaskRunningAndEnoughTasks() {
    ConnectorStatus twoRunning = parse("{\"connector\":{\"state\":\"RUNNING\"},\"tasks\":["
        + "{\"id\":0,\"state\":\"RUNNING\"},{\"id\":1,\"state\":\"RUNNING\"}]}");
    assertEquals(new ConnectorStatus.Verdict.Running(2), twoRunning.verdict(1),
        "all RUNNING with 2 >= 1 tasks");
    assertEquals(new ConnectorStatus.Verdict.Pending("connector RUNNING, tasks: 2 RUNNING"),
        twoRunning.verdict(3), "fewer tasks than required is pending");

    ConnectorStatus mixed = parse("{\"connector\":{\"state\":\"RUNNING\"},\"tasks\":["
        + "{\"id\":0,\"state\":\"RUNNING\"},{\"id\":1,\"state\":\"RESTARTING\"}]}");
    assertEquals(new ConnectorStatus.Verdict.Pending(
        "connector RUNNING, tasks: 1 RESTARTING, 1 RUNNING"), mixed.verdict(1),
        "a task not yet RUNNING is pending");

    ConnectorStatus paused = parse("{\"connector\":{\"state\":\"PAUSED\"},\"tasks\":[]}");
    assertEquals(new ConnectorStatus.Verdict.Pending("connector PAUSED, tasks: none"),
        paused.verdict(0), "a paused connector is not running");
  }

  @Test
  void failedWinsAndKeepsOnlyTheTracesFirstLine() {
    ConnectorStatus s = new ConnectorStatus("RUNNING", null, List.of(
        new ConnectorStatus.Task(0, "RUNNING", null),
        new ConnectorStatus.Task(3, "FAILED", "  boom: bad\n\tat x\n\tat y")));
    assertEquals(new ConnectorStatus.Verdict.Failed("task 3", "boom: bad"), s.verdict(1),
        "the failed task and its first trace line");
    assertEquals(new ConnectorStatus.Verdict.Failed("connector", "no trace given"),
        new ConnectorStatus("FAILED", null, List.of()).verdict(1),
        "a FAILED connector without trace says so");
  }
}

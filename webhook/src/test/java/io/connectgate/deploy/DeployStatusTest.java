package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeployStatusTest {

  @Test
  void rendersSortedAndReadsBack() {
    // Built as a pass builds it: one map (a copy per entry made passes quadratic).
    DeployStatus status = new DeployStatus(java.util.Map.of(
        "z.json", new DeployStatus.Entry("0123456789", DeployStatus.Outcome.FAILED, "cm-deploy-0123456789"),
        "a.json", new DeployStatus.Entry("abcdefabcd", DeployStatus.Outcome.REJECTED, "")));
    String text = status.render();
    assertEquals("{\"a.json\":{\"hash\":\"abcdefabcd\",\"outcome\":\"rejected\"},"
        + "\"z.json\":{\"hash\":\"0123456789\",\"outcome\":\"failed\",\"job\":\"cm-deploy-0123456789\"}}", text,
        "expected keys sorted, so an unchanged status renders the same text");
    assertEquals(status, DeployStatus.parse(text), "expected the rendered status to read back");
  }

  @Test
  void theUidOfTheConfigMapIsRecordedAndAnotherObjectsEntriesAreDropped() {
    DeployStatus status = new DeployStatus(java.util.Map.of(
        "mine.json", new DeployStatus.Entry("0123456789", DeployStatus.Outcome.DEPLOYED, "cm-deploy-0123456789", "uid-1"),
        "copied.json", new DeployStatus.Entry("abcdefabcd", DeployStatus.Outcome.DEPLOYED, "cm-deploy-abcdefabcd", "uid-0"),
        "legacy.json", new DeployStatus.Entry("fedcba9876", DeployStatus.Outcome.FAILED, "cm-deploy-fedcba9876")));
    String text = status.render();
    assertEquals(status, DeployStatus.parse(text), "expected the uids to read back");
    assertEquals(java.util.Set.of("mine.json", "legacy.json"), DeployStatus.parse(text).of("uid-1").entries().keySet(),
        "expected the entry recorded on another object dropped, the one without a uid kept");
    DeployStatus own = DeployStatus.parse(text).of("uid-0");
    assertEquals(java.util.Set.of("copied.json", "legacy.json"), own.entries().keySet(),
        "expected each object to keep its own entries");
    assertEquals(own, own.of("uid-0"), "expected nothing dropped twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "{\"a.json\":{\"hash\":\"x\",\"outcome\":\"unknown\"}}",
      "{\"a.json\":{\"outcome\":\"deployed\"}}"})
  void anUnreadableAnnotationIsAnEmptyStatus(String text) {
    assertEquals(DeployStatus.empty(), DeployStatus.parse(text), "expected nothing recorded for: " + text);
  }
}

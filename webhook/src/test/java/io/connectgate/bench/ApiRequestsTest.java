package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiRequestsTest {

  private static final String BEFORE = """
      # HELP apiserver_request_total [STABLE] Counter of apiserver requests
      # TYPE apiserver_request_total counter
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="configmaps",scope="cluster",subresource="",verb="LIST",version="v1"} 3
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="configmaps",scope="namespace",subresource="",verb="LIST",version="v1"} 2
      apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="configmaps",scope="resource",subresource="",verb="POST",version="v1"} 10000
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="",scope="",subresource="/metrics",verb="GET",version=""} 7
      apiserver_request_duration_seconds_count{verb="LIST",resource="configmaps"} 99
      """;

  @Test
  void countsEveryRequestAndTheConfigMapListsApart() {
    ApiRequests r = ApiRequests.parse(BEFORE);
    assertEquals(10012, r.all());
    assertEquals(5, r.configMapLists());
    assertEquals("GET 7, LIST configmaps 5, POST configmaps 10000", r.describe());
  }

  @Test
  void aDifferenceIsWhatHappenedBetweenTwoReadings() {
    ApiRequests after = ApiRequests.parse(BEFORE.replace("verb=\"LIST\",version=\"v1\"} 3",
        "verb=\"LIST\",version=\"v1\"} 44").replace("version=\"\"} 7", "version=\"\"} 9"));
    ApiRequests delta = after.minus(ApiRequests.parse(BEFORE));
    assertEquals(43, delta.all());
    assertEquals(41, delta.configMapLists());
    assertEquals("GET 2, LIST configmaps 41", delta.describe());
  }

  @Test
  void gnuTimeRssIsTheLastNumberItWrote(@TempDir Path dir) throws IOException {
    Path rusage = dir.resolve("x.rusage");
    Files.writeString(rusage, "Command exited with non-zero status 1\n48212\n");
    assertEquals(48212, MeasuredProcess.peakRss(rusage));
    assertEquals(-1, MeasuredProcess.peakRss(dir.resolve("absent")));
  }
}

package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeakHeapTest {

  @Test
  void jvmPeakIsTheLargestHeapBeforeAPauseOrAtExitAndAfterGcTheLargestLeft() {
    PeakHeap heap = PeakHeap.fromJvmGcLog(List.of(
        "[0.007s][info][gc] Using G1",
        "[5.391s][info][gc] GC(91) Concurrent Mark Cycle 6.488ms",
        "[5.393s][info][gc] GC(93) Pause Young (Normal) (G1 Evacuation Pause) 120M->12M(300M) 0.971ms",
        "[5.400s][info][gc] GC(94) Pause Young (Concurrent Start) (G1 Evacuation Pause) 17M->15M(30M) 1.183ms",
        "[5.414s][info][gc] GC(96) Pause Full (System.gc()) 20M->20M(39M) 6.911ms",
        "[5.425s][info][gc] GC(95) Pause Remark 20M->20M(39M) 0.004ms",
        "[5.427s][info][gc,heap,exit] Heap",
        "[5.427s][info][gc,heap,exit]  garbage-first heap   total 39936K, used 21493K [0x00000000fc000000, 0x0)",
        "[5.427s][info][gc,heap,exit]  Metaspace       used 9273K, committed 9536K, reserved 1114112K"));
    assertEquals(120 * 1024, heap.peakKib());
    assertEquals(20 * 1024, heap.afterGcKib());
    assertEquals(4, heap.collections());
  }

  @Test
  void jvmHeapAtExitCountsWhenNoPauseSawMore() {
    PeakHeap heap = PeakHeap.fromJvmGcLog(List.of(
        "[0.3s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 23M->4M(256M) 3.210ms",
        "[9.0s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 180000K [0x0, 0x1)"));
    assertEquals(180000, heap.peakKib());
    assertEquals(4 * 1024, heap.afterGcKib());
  }

  @Test
  void noCollectionAndNoExitLineIsUnknown() {
    PeakHeap heap = PeakHeap.fromJvmGcLog(List.of("[0.007s][info][gc] Using G1"));
    assertEquals(-1, heap.peakKib());
    assertEquals(-1, heap.afterGcKib());
  }

  @Test
  void goGcTraceGivesTheLargestHeapAtOrAfterAGcStartAndTheLargestLiveHeap() {
    PeakHeap heap = PeakHeap.fromGoGcTrace(List.of(
        "gc 1 @0.014s 2%: 0.059+10+0.22 ms clock, 0.11+0.13/1.6/0+0.44 ms cpu, 3->4->2 MB, 4 MB goal, 0 MB stacks,"
            + " 0 MB globals, 2 P",
        "gc 2 @0.5s 3%: 0.016+7.5+0.20 ms clock, 0.032+0/0.72/2.1+0.41 ms cpu, 150->171->90 MB, 160 MB goal, 2 P",
        "gc 3 @0.9s 2%: 0.074+8.1+0.007 ms clock, 0.14+0/0.64/1.8+0.014 ms cpu, 160->162->95 MB, 180 MB goal, 2 P",
        "{\"kind\": \"List\"} not a trace line"));
    assertEquals(171 * 1024, heap.peakKib());
    assertEquals(95 * 1024, heap.afterGcKib());
    assertEquals(3, heap.collections());
  }
}

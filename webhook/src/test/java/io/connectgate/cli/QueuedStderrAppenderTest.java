package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log lines leave the logging thread through a queue, in order, and a stuck stderr stalls no INFO caller. */
class QueuedStderrAppenderTest {

  private static final long WAIT_SECONDS = 20;

  /** Collects what is written; optionally holds every write until released. */
  private static final class Output extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CountDownLatch release;
    final CountDownLatch firstWrite = new CountDownLatch(1);
    final List<String> writers = Collections.synchronizedList(new ArrayList<>());
    int writes;

    Output(boolean blocked) {
      this.release = new CountDownLatch(blocked ? 1 : 0);
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      firstWrite.countDown();
      try {
        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        writes++;
        writers.add(Thread.currentThread().getName());
        bytes.write(b, off, len);
      }
    }

    synchronized List<String> lines() {
      return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  private final LoggerContext context = new LoggerContext();
  private QueuedStderrAppender appender;
  private final List<Output> outputs = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private Logger logger(Output output, int capacity) {
    outputs.add(output);
    appender = new QueuedStderrAppender(() -> output, capacity);
    appender.setContext(context);
    appender.setName("test");
    appender.setEncoder(LogConfigurator.lineEncoder(context));
    appender.start();
    Logger logger = context.getLogger("io.connectgate.admission.decisions");
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
    return logger;
  }

  /** Releases every output and stops every logging thread, also after a failure. */
  @AfterEach
  void stop() throws InterruptedException {
    outputs.forEach(o -> o.release.countDown());
    for (Thread t : threads) {
      t.interrupt();
      t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
    if (appender != null) {
      appender.stop();
    }
    context.stop();
  }

  private Thread started(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
    return t;
  }

  private static void join(Thread t) throws InterruptedException {
    t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertTrue(!t.isAlive(), "expected " + t.getName() + " to finish within " + WAIT_SECONDS + " s");
  }

  @Test
  void everyWarningArrivesInItsThreadsOrderThroughASmallQueue() throws Exception {
    Output output = new Output(false);
    Logger logger = logger(output, 8);
    List<Thread> loggers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String name = "logger-" + t;
      loggers.add(started(name, () -> {
        for (int i = 0; i < 2000; i++) {
          logger.warn("line {} {}", name, i);
        }
      }));
    }
    for (Thread t : loggers) {
      join(t);
    }
    appender.stop();
    List<String> lines = output.lines();
    assertEquals(8000, lines.size(), "expected every warning written, none dropped");
    Pattern line = Pattern.compile(".* WARN  \\[(logger-\\d)] i\\.c\\.a\\.decisions - line \\1 (\\d+)$");
    int[] next = new int[4];
    for (String l : lines) {
      Matcher m = line.matcher(l);
      assertTrue(m.matches(), "expected the usual line format, got: " + l);
      int thread = m.group(1).charAt(7) - '0';
      assertEquals(next[thread], Integer.parseInt(m.group(2)), "expected logger-" + thread + "'s lines in order");
      next[thread]++;
    }
    assertTrue(output.writers.stream().allMatch(w -> w.equals("connectgate-log")),
        "expected every write made by the writer thread, got " + output.writers.stream().distinct().toList());
  }

  @Test
  void aBlockedStderrStallsNoInfoCallerAndTheGapIsCounted() throws Exception {
    Output output = new Output(true);
    Logger logger = logger(output, 16);
    Thread caller = started("event-loop", () -> {
      for (int i = 0; i < 1000; i++) {
        logger.info("decision {}", i);
      }
    });
    // With the write on the caller, it would wait on the blocked output until released.
    join(caller);
    output.release.countDown();
    appender.stop();
    List<String> lines = output.lines();
    long decisions = lines.stream().filter(l -> l.contains(" - decision ")).count();
    Pattern gap = Pattern.compile(".* WARN  \\[connectgate-log] i\\.c\\.c\\.QueuedStderrAppender - (\\d+) log lines"
        + " at INFO or below were dropped: the log output did not keep up$");
    long dropped = 0;
    for (String l : lines) {
      Matcher m = gap.matcher(l);
      if (m.matches()) {
        dropped += Long.parseLong(m.group(1));
      }
    }
    assertTrue(dropped > 0, "expected a WARN line of the usual format saying how many were dropped, got " + lines);
    assertEquals(1000, decisions + dropped, "expected written + reported dropped = logged");
    assertTrue(decisions >= 16, "expected at least a queue's worth written, got " + decisions);
  }

  @Test
  void warningsWaitForRoomInsteadOfBeingDropped() throws Exception {
    Output output = new Output(true);
    Logger logger = logger(output, 4);
    Thread caller = started("warner", () -> {
      for (int i = 0; i < 50; i++) {
        logger.warn("warning {}", i);
      }
    });
    assertTrue(output.firstWrite.await(WAIT_SECONDS, TimeUnit.SECONDS), "expected the writer to start a write");
    output.release.countDown();
    join(caller);
    appender.stop();
    List<String> lines = output.lines();
    assertEquals(50, lines.stream().filter(l -> l.contains(" - warning ")).count(), "expected no warning dropped: " + lines);
    assertTrue(lines.stream().noneMatch(l -> l.contains("were dropped")), "expected no drop reported");
  }

  @Test
  void linesQueuedDuringAWriteGoOutInOneWrite() throws Exception {
    Output output = new Output(true);
    Logger logger = logger(output, 1024);
    join(started("first", () -> logger.info("first")));
    assertTrue(output.firstWrite.await(WAIT_SECONDS, TimeUnit.SECONDS), "expected the writer to start a write");
    join(started("queued", () -> {
      for (int i = 0; i < 300; i++) {
        logger.info("queued {}", i);
      }
    }));
    output.release.countDown();
    appender.stop();
    assertEquals(301, output.lines().size(), "expected every line written");
    assertEquals(2, output.writes, "expected the first line, then the 300 queued behind it in one write");
  }

  @Test
  void afterTheExitDrainALineIsWrittenAtOnceByItsOwnThread() {
    Output output = new Output(false);
    Logger logger = logger(output, 16);
    logger.info("before");
    appender.drain(); // what the JVM's exit hook does; other shutdown hooks may still log
    logger.info("after");
    assertEquals(List.of("before", "after"), output.lines().stream()
        .map(l -> l.substring(l.lastIndexOf(" - ") + 3)).toList(), "expected both lines, in order");
    assertEquals(Thread.currentThread().getName(), output.writers.get(output.writers.size() - 1),
        "expected the line after the drain written by the thread that logged it");
  }

  @Test
  void aLineThatCannotBeFormattedEndsNeitherTheWriterNorARestart() throws Exception {
    Output output = new Output(false);
    Logger logger = logger(output, 16);
    ch.qos.logback.core.encoder.Encoder<ILoggingEvent> usual = appender.getEncoder();
    appender.setEncoder(new ch.qos.logback.core.encoder.EncoderBase<>() {
      @Override
      public byte[] headerBytes() {
        return null;
      }

      @Override
      public byte[] encode(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("boom")) {
          throw new IllegalStateException("cannot format");
        }
        return usual.encode(event);
      }

      @Override
      public byte[] footerBytes() {
        return null;
      }
    });
    join(started("logger", () -> {
      logger.info("before");
      logger.info("boom");
      logger.info("after");
    }));
    // Written by the writer before anything stops it (stop() would write what is queued).
    CountDownLatch never = new CountDownLatch(1);
    for (int i = 0; i < 400 && output.lines().stream().noneMatch(l -> l.endsWith(" - after")); i++) {
      never.await(50, TimeUnit.MILLISECONDS);
    }
    assertTrue(output.lines().stream().anyMatch(l -> l.endsWith(" - after")),
        "expected the writer to go on after the broken line, got " + output.lines());
    appender.stop();
    appender.start(); // as logback's reset does: writing asynchronously again
    join(started("logger-2", () -> logger.info("restarted")));
    appender.stop();
    assertEquals(List.of("before", "after", "restarted"), output.lines().stream()
        .map(l -> l.substring(l.lastIndexOf(" - ") + 3)).toList(), "expected every line but the broken one");
    assertEquals("connectgate-log", output.writers.get(output.writers.size() - 1),
        "expected the restarted appender's line written by its writer thread");
  }

  /** A JVM that logs and exits without stopping logback: the exit hook writes what is queued. */
  public static final class ExitWithoutStop {
    public static void main(String[] args) {
      LoggerContext context = new LoggerContext();
      QueuedStderrAppender appender = new QueuedStderrAppender();
      appender.setContext(context);
      appender.setEncoder(LogConfigurator.lineEncoder(context));
      appender.start();
      Logger logger = context.getLogger("exit");
      logger.addAppender(appender);
      for (int i = 0; i < 5000; i++) {
        logger.warn("line {}", i);
      }
      System.exit(0);
    }
  }

  @Test
  void theJvmsExitWritesWhatIsQueued(@TempDir Path dir) throws IOException, InterruptedException {
    Path err = dir.resolve("stderr");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExitWithoutStop.class.getName())
        .redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "expected the child JVM to exit");
    List<String> lines = Files.readAllLines(err).stream().filter(l -> l.contains(" - line ")).toList();
    assertEquals(5000, lines.size(), "expected every line on stderr after System.exit");
    assertTrue(lines.get(4999).endsWith(" - line 4999"), "expected the last line last, got " + lines.get(4999));
  }
}

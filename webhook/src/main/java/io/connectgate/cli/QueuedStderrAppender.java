package io.connectgate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Log lines to stderr from one writer thread, so the thread that logs (the event loop, for the
 * decision line of every review) neither formats the line nor waits on the write: the event
 * is queued and the writer formats what has queued up and writes it with one system call.
 * A stderr that blocks (a container runtime's log pipe under pressure) therefore stalls no
 * review until the queue is full.
 *
 * <p>Nothing at WARN or above is ever dropped: when the queue is full, such an event waits for
 * room. An INFO or DEBUG event finding the queue full is dropped and counted, and the writer
 * says how many were dropped in a WARN line as soon as it writes again, so a gap in the
 * decision log is always visible.
 *
 * <p>Lines are written in the order they were queued. Stopping (and the JVM's exit, through a
 * shutdown hook) writes what is queued, waiting at most {@link #DRAIN} for a batch being
 * written; any event after that is written by the thread that logs it, after what is still
 * queued, so the last lines of a shutdown are kept and in order.
 */
final class QueuedStderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  /** Queued events; a review's decision line is ~300 bytes, so at most a few MiB. */
  static final int CAPACITY = 8192;
  /** Events formatted into one write. */
  static final int BATCH = 512;
  /** How long stop() and the JVM's exit wait for queued lines to be written. */
  static final Duration DRAIN = Duration.ofSeconds(2);
  /**
   * How long the writer, woken by a first line, lets more gather before writing: under load
   * one wake-up and one write per couple of milliseconds instead of one per line.
   */
  static final long GATHER_NANOS = Duration.ofMillis(2).toNanos();

  private final Supplier<OutputStream> out;
  private final BlockingQueue<ILoggingEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Object writeLock = new Object();
  private Encoder<ILoggingEvent> encoder;
  private Thread writer;
  private Thread exitHook;
  /** Set by the writer before it parks on an empty queue: the next event wakes it. */
  private volatile boolean idle;
  /** Set when draining begins: the writer writes what is queued and ends. */
  private volatile boolean stopping;
  /** Set once the writer has ended: every event is then written by the thread that logs it. */
  private volatile boolean synchronous;

  QueuedStderrAppender() {
    this(() -> System.err, CAPACITY);
  }

  /** @param out read at each write, so a test's (or the runtime's) replacement of System.err is followed */
  QueuedStderrAppender(Supplier<OutputStream> out, int capacity) {
    this.out = out;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  Encoder<ILoggingEvent> getEncoder() {
    return encoder;
  }

  /** Events dropped so far because the queue was full (INFO and below only). */
  long dropped() {
    return dropped.get();
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder for appender " + name);
      return;
    }
    stopping = false;
    synchronous = false;
    idle = false;
    writer = new Thread(this::writeLoop, "connectgate-log");
    writer.setDaemon(true);
    exitHook = new Thread(this::drain, "connectgate-log-exit");
    Runtime.getRuntime().addShutdownHook(exitHook);
    super.start();
    writer.start();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    drain();
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException exiting) {
      // Called from another shutdown hook: ours runs (or ran) anyway and finds nothing left.
    }
    super.stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (synchronous) {
      writeAfterQueued(event);
      return;
    }
    // What a later thread cannot know: the caller's name, and the message if an argument
    // could change after the call (this code logs strings and numbers). The line has no MDC.
    event.getThreadName();
    if (!immutable(event.getArgumentArray())) {
      event.getFormattedMessage();
    }
    if (queue.offer(event)) {
      wakeWriter();
      return;
    }
    if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
      dropped.incrementAndGet();
      return;
    }
    try {
      while (!queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
        wakeWriter();
        if (synchronous) {
          writeAfterQueued(event);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writeAfterQueued(event); // never lose a warning
    }
  }

  private static boolean immutable(Object[] arguments) {
    if (arguments != null) {
      for (Object a : arguments) {
        if (!(a == null || a instanceof String || a instanceof Number || a instanceof Boolean
            || a instanceof Character || a instanceof Enum<?>)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Writes what is still queued and then {@code event}, keeping the order, on the calling thread. */
  private void writeAfterQueued(ILoggingEvent event) {
    synchronized (writeLock) {
      List<ILoggingEvent> events = new ArrayList<>();
      queue.drainTo(events);
      events.add(event);
      write(events);
    }
  }

  private void wakeWriter() {
    if (idle) {
      idle = false;
      LockSupport.unpark(writer);
    }
  }

  private void writeLoop() {
    List<ILoggingEvent> batch = new ArrayList<>(BATCH);
    while (true) {
      queue.drainTo(batch, BATCH);
      if (!batch.isEmpty()) {
        write(batch);
        batch.clear();
        continue;
      }
      if (stopping) {
        return;
      }
      idle = true;
      // Checked again after saying so: an event queued before the flag was seen wakes no one.
      if (queue.isEmpty() && !stopping) {
        LockSupport.park(this);
        LockSupport.parkNanos(this, GATHER_NANOS);
      }
      idle = false;
    }
  }

  /**
   * Lets the writer write what is queued and end (waiting at most {@link #DRAIN}), then
   * switches to writing on the logging thread. If the writer is stuck on a blocked stderr,
   * what is queued is left: the exit must not hang on it.
   */
  void drain() {
    stopping = true;
    Thread w = writer;
    LockSupport.unpark(w);
    try {
      w.join(DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronous = true;
    if (!w.isAlive()) {
      synchronized (writeLock) {
        List<ILoggingEvent> rest = new ArrayList<>();
        queue.drainTo(rest); // queued between the writer's last look and the switch
        if (!rest.isEmpty()) {
          write(rest);
        }
      }
    }
  }

  /** Formats {@code events} (after the count of dropped lines, if any) and writes them with one call. */
  private void write(List<ILoggingEvent> events) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 256);
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      bytes.writeBytes(encoder.encode(droppedLine(lost)));
    }
    for (ILoggingEvent event : events) {
      try {
        bytes.writeBytes(encoder.encode(event));
      } catch (RuntimeException e) {
        // One line that cannot be formatted must not end the writer (and every later line).
        addWarn("cannot format a log line", e);
      }
    }
    synchronized (writeLock) {
      try {
        OutputStream stream = out.get();
        bytes.writeTo(stream);
        stream.flush();
      } catch (IOException | RuntimeException e) {
        addWarn("cannot write log lines to stderr", e);
      }
    }
  }

  private ILoggingEvent droppedLine(long lost) {
    Logger logger = ((LoggerContext) getContext()).getLogger(QueuedStderrAppender.class);
    LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.WARN,
        "{} log lines at INFO or below were dropped: the log output did not keep up", null,
        new Object[] {lost});
    event.setThreadName(Thread.currentThread().getName());
    return event;
  }
}

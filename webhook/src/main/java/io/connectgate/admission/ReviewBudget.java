package io.connectgate.admission;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes under review: the sum of the body sizes of the reviews in flight. A review is
 * started only when its body fits; beyond the budget it is answered at once (denied, 429)
 * instead of being queued into an OutOfMemoryError. A review's peak live heap is a bounded
 * multiple of its body (docs/hardening.md, "Memory"), so bounding the bodies bounds the heap.
 *
 * <p>The last {@link #smallReserve} bytes are kept for small reviews (at most
 * {@value #SMALL_REVIEW_BYTES} bytes, every real ConfigMap): while an attacker's maximum-size
 * reviews fill the rest, the ordinary reviews of other namespaces are still decided.
 */
public final class ReviewBudget {

  /** A review at most this large is "small": it may use the reserve. */
  public static final long SMALL_REVIEW_BYTES = 64 * 1024;

  /**
   * Peak live heap of one review per byte of its body, measured by {@code ReviewHeapMeasurement}
   * (docs/hardening.md), rounded up: with {@link #HEAP_PER_REVIEW}, a review holds at most
   * {@code HEAP_PER_BODY_BYTE × body + HEAP_PER_REVIEW}.
   */
  public static final int HEAP_PER_BODY_BYTE = 12;

  /**
   * The part of a review's heap that does not grow with its body: what the reader keeps of the
   * objects' other fields (at most 2 × 2048 JSON values) and the answer's fixed costs.
   */
  public static final long HEAP_PER_REVIEW = 1024 * 1024;

  /** Share of the heap that reviews may hold together; the rest is Vert.x, buffers, the catalog. */
  static final double HEAP_SHARE = 0.5;

  /** One reservation; closing it returns the bytes (idempotent). */
  public final class Reservation implements AutoCloseable {
    private long bytes;
    private boolean closed;

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    /** Adds {@code more} bytes (a body still arriving); false, changing nothing, when they do not fit. */
    public synchronized boolean grow(long more) {
      if (closed || !take(bytes + more, more)) {
        return false;
      }
      bytes += more;
      return true;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        inUse.addAndGet(-bytes);
      }
    }
  }

  private final long capacity;
  private final long smallReserve;
  private final AtomicLong inUse = new AtomicLong();

  /**
   * @param capacity bytes of bodies that may be under review together
   * @param smallReserve the part of it only small reviews may use
   */
  public ReviewBudget(long capacity, long smallReserve) {
    if (capacity <= 0 || smallReserve < 0 || smallReserve >= capacity) {
      throw new IllegalArgumentException("capacity must be positive and above the small reserve");
    }
    this.capacity = capacity;
    this.smallReserve = smallReserve;
  }

  /**
   * From the maximum heap: {@value #HEAP_SHARE} of it divided by {@value #HEAP_PER_BODY_BYTE},
   * but always room for one review of {@code maxBody} plus the reserve for small ones (a quarter
   * of that room, at least 1 MiB).
   */
  public static ReviewBudget forHeap(long maxHeapBytes, long maxBody) {
    long fromHeap = (long) (maxHeapBytes * HEAP_SHARE / HEAP_PER_BODY_BYTE);
    long reserve = Math.max(1024 * 1024, fromHeap / 4);
    return new ReviewBudget(Math.max(fromHeap, maxBody + reserve), reserve);
  }

  /**
   * For bodies being received (not yet reviewed): an eighth of the heap, at least four
   * maximum-size bodies, with the same reserve for small ones.
   */
  public static ReviewBudget forReceiving(long maxHeapBytes, long maxBody) {
    long capacity = Math.max(maxHeapBytes / 8, 4 * maxBody);
    long reserve = Math.max(1024 * 1024, capacity / 4);
    return new ReviewBudget(capacity + reserve, reserve);
  }

  /** The budget this JVM's maximum heap affords. */
  public static ReviewBudget forThisJvm(long maxBody) {
    return forHeap(Runtime.getRuntime().maxMemory(), maxBody);
  }

  /**
   * The reservation for reviewing a body of {@code body} bytes: the body plus its share of
   * {@link #HEAP_PER_REVIEW}, so that the budget bounds the heap of many small reviews too;
   * whether it is small (may use the reserve) is judged by the body alone. Null when it does
   * not fit now.
   */
  public Reservation tryReserveReview(long body) {
    long charge = reviewCharge(body);
    return take(body, charge) ? new Reservation(charge) : null;
  }

  /** What reviewing a body of {@code body} bytes takes from the budget. */
  public static long reviewCharge(long body) {
    return body + HEAP_PER_REVIEW / HEAP_PER_BODY_BYTE;
  }

  /** A reservation of {@code bytes}, or null when they do not fit now. */
  public Reservation tryReserve(long bytes) {
    return take(bytes, bytes) ? new Reservation(bytes) : null;
  }

  /** Takes {@code more} bytes for a body of {@code total} bytes if they fit. */
  private boolean take(long total, long more) {
    long limit = total <= SMALL_REVIEW_BYTES ? capacity : capacity - smallReserve;
    while (true) {
      long used = inUse.get();
      if (used + more > limit) {
        return false;
      }
      if (inUse.compareAndSet(used, used + more)) {
        return true;
      }
    }
  }

  public long inUse() {
    return inUse.get();
  }

  public long capacity() {
    return capacity;
  }

  public long smallReserve() {
    return smallReserve;
  }
}

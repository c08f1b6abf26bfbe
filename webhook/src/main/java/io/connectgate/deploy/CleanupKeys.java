package io.connectgate.deploy;

/**
 * The label, finalizer and annotation of connector cleanup (docs/deploy.md, "Connector
 * lifecycle"): an opted-in ConfigMap keeps the finalizer until every connector it deployed
 * has been deleted from Kafka Connect by a delete Job, or the attempts ran out.
 */
public final class CleanupKeys {

  /** Opt-in ({@code "true"}): deleting the ConfigMap deletes its connectors from Connect. */
  public static final String DELETE_LABEL = "connectgate.io/delete-with-configmap";

  /** Put on opted-in ConfigMaps by the controller; removed when the cleanup is over. */
  public static final String FINALIZER = "connectgate.io/connector-cleanup";

  /** Written by the controller: per connector, delete attempts so far and how they ended. */
  public static final String CLEANUP_STATUS_ANNOTATION = "connectgate.io/cleanup-status";

  /** Delete Jobs per connector before the finalizer is released with the connector left. */
  public static final int MAX_ATTEMPTS = 5;

  /** The pause after failed attempt {@code n} (1-based): 30 s doubling, at most 5 min. */
  public static java.time.Duration backoff(int attempt) {
    long seconds = 30L << Math.min(Math.max(attempt - 1, 0), 4);
    return java.time.Duration.ofSeconds(Math.min(seconds, 300));
  }

  private CleanupKeys() {}
}

package io.connectgate.deploy;

/**
 * What connector cleanup reads of a labelled ConfigMap, from the informer's cache.
 *
 * @param optedIn the {@value CleanupKeys#DELETE_LABEL} label is {@code "true"}
 * @param hasFinalizer {@value CleanupKeys#FINALIZER} is among its finalizers
 * @param deleting {@code metadata.deletionTimestamp} is set
 * @param cleanupStatus the {@value CleanupKeys#CLEANUP_STATUS_ANNOTATION} annotation, or null
 */
public record CleanupState(boolean optedIn, boolean hasFinalizer, boolean deleting, String cleanupStatus) {}

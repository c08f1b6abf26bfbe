package io.connectgate.policy;

import java.util.Optional;

/**
 * Port: the plugins the target Kafka Connect cluster has, as last read in the background. The
 * policy only reads it; it never waits on it. Empty when nothing is configured, nothing has
 * been read yet, or what was read is stale: then the {@code installedPlugins} rule checks
 * nothing (an unknown inventory is never a denial).
 */
@FunctionalInterface
public interface PluginInventory {

  /** No inventory configured. */
  PluginInventory NONE = Optional::empty;

  Optional<InstalledPlugins> installed();
}

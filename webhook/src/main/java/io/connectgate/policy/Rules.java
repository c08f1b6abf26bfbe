package io.connectgate.policy;

import java.util.List;

/** The names of the policy rules, as written in a policy file and shown in messages. */
public final class Rules {
  public static final String REQUIRE_ENCRYPTION = "requireEncryption";
  public static final String PLAINTEXT_CREDENTIALS = "plaintextCredentials";
  public static final String ALLOWED_BOOTSTRAP_SERVERS = "allowedBootstrapServers";
  public static final String MAX_TASKS = "maxTasks";
  public static final String ALLOWED_CONNECTOR_CLASSES = "allowedConnectorClasses";
  public static final String UNKNOWN_KEYS = "unknownKeys";
  /** A class the target Connect cluster does not have (InstalledPluginsRule). */
  public static final String INSTALLED_PLUGINS = "installedPlugins";
  /** Connector names must match a per-namespace pattern, e.g. {@code {namespace}-*} (#16). */
  public static final String CONNECTOR_NAMES = "connectorNames";

  /** The engine's finding rule for a key no schema knows; governed by {@link #UNKNOWN_KEYS}. */
  public static final String ENGINE_UNKNOWN_KEY = "unknown-key";

  static final List<String> ALL =
      List.of(
          REQUIRE_ENCRYPTION,
          PLAINTEXT_CREDENTIALS,
          ALLOWED_BOOTSTRAP_SERVERS,
          MAX_TASKS,
          ALLOWED_CONNECTOR_CLASSES,
          UNKNOWN_KEYS,
          INSTALLED_PLUGINS,
          CONNECTOR_NAMES);

  private Rules() {}
}

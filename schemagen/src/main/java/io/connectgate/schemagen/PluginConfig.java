package io.connectgate.schemagen;

import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * One Connect plugin found on a plugin path and the ConfigDef its instance returned.
 *
 * @param className the plugin's binary class name
 * @param types Connect's plugin types of the class ({@code source}, {@code sink},
 *     {@code converter}, {@code header_converter}, {@code transformation}, {@code predicate}),
 *     as {@code PluginType.toString()} names them
 * @param version what Connect reports as the plugin's version
 * @param location the plugin location (directory or jar) Connect loaded it from
 * @param config the plugin's own ConfigDef ({@code config()})
 */
public record PluginConfig(String className, Set<String> types, String version, String location,
    ConfigDef config) {

  public boolean isConnector() {
    return types.contains("source") || types.contains("sink");
  }
}

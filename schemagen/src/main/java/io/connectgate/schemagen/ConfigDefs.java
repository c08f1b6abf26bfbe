package io.connectgate.schemagen;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Reads Kafka's ConfigDefs: a public static {@code configDef()} where there is one, else the
 * static field holding it (several are not public: MirrorSourceConfig's
 * {@code CONNECTOR_CONFIG_DEF}, ProducerConfig's {@code CONFIG}).
 */
final class ConfigDefs {

  private ConfigDefs() {}

  static ConfigDef of(String className, String... fieldsOrMethods) {
    try {
      Class<?> c = Class.forName(className);
      for (String name : fieldsOrMethods) {
        ConfigDef def = name.endsWith("()") ? method(c, name.substring(0, name.length() - 2))
            : field(c, name);
        if (def != null) {
          return def;
        }
      }
      throw new IllegalStateException(className + " has none of " + List.of(fieldsOrMethods)
          + " any more: update the generator for this Kafka version");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(className + " is not on the generator's classpath", e);
    }
  }

  private static ConfigDef method(Class<?> c, String name) {
    try {
      Method m = c.getDeclaredMethod(name);
      if (!Modifier.isStatic(m.getModifiers())) {
        return null;
      }
      m.setAccessible(true);
      return (ConfigDef) m.invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(c.getName() + "." + name + "() failed", e);
    }
  }

  private static ConfigDef field(Class<?> c, String name) {
    try {
      Field f = c.getDeclaredField(name);
      f.setAccessible(true);
      return (ConfigDef) f.get(null);
    } catch (NoSuchFieldException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(c.getName() + "." + name + " unreadable", e);
    }
  }

  /** The key names of several defs together. */
  static Set<String> names(ConfigDef... defs) {
    Set<String> out = new HashSet<>();
    for (ConfigDef d : defs) {
      out.addAll(d.names());
    }
    return out;
  }
}

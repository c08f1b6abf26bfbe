package io.connectgate.validation;

import java.util.function.BiConsumer;

/** The transformations a connector lists ({@code transforms}), as Connect resolves their classes. */
final class Transforms {

  private Transforms() {}

  /**
   * Calls {@code action} with each listed alias's prefix ({@code transforms.<alias>.}) and the
   * class its {@code type} resolves to (a name Connect does not know stays as written); aliases
   * without a type are skipped (the aliases rule reports them).
   */
  static void each(DocumentContext ctx, PluginIndex plugins, BiConsumer<String, String> action) {
    for (String alias : ListValues.distinctEntries(ctx.value("transforms"))) {
      String prefix = "transforms." + alias + ".";
      String type = ctx.value(prefix + "type");
      if (type != null) {
        action.accept(prefix, plugins.resolve(type));
      }
    }
  }
}

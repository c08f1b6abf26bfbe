package io.connectgate.validation;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unknown-key}: a setting neither the schema nor, under an open prefix, the Kafka
 * client def knows; suggests the nearest known name ("did you mean").
 */
final class UnknownKeyRule implements DocumentRule {

  /**
   * Whether a key holds a quote character, which no connector's setting name does: a YAML key
   * written {@code table.whitelist": "customers"} (one quote lost) is read by nothing, for any
   * connector class, so the setting silently keeps its default (mddunn/gko-tf's JDBC source).
   */
  static boolean strayQuote(String key) {
    return key.indexOf('"') >= 0 || key.indexOf('\'') >= 0;
  }

  /**
   * Suggestions cost an edit distance against every known key; a hostile document with
   * thousands of unknown keys must not cost seconds, so only the first ones get a suggestion.
   */
  static final int MAX_SUGGESTIONS = 20;

  /** Every full key each schema knows, for suggestions; built once per catalog. */
  private final Map<ConnectorSchema, SuggestionIndex> candidates = new IdentityHashMap<>();
  /** The keys each prefix's client knows, for suggestions under it; built once per catalog. */
  private final Map<PropertySet, SuggestionIndex> underPrefix = new IdentityHashMap<>();
  private static final SuggestionIndex NONE = new SuggestionIndex(List.of());
  /** Every schema that claims classes, to say which sibling connector uses a key. */
  private final List<ConnectorSchema> claiming;

  UnknownKeyRule(SchemaCatalog catalog) {
    this.claiming = catalog.schemas().stream().filter(s -> !s.claims().isEmpty()).toList();
    for (ConnectorSchema s : catalog.schemas()) {
      List<String> all = new ArrayList<>(s.properties().names());
      for (ClientPrefix p : s.prefixes()) {
        for (String name : p.properties().names()) {
          all.add(p.prefix() + name);
        }
        underPrefix.computeIfAbsent(p.properties(), props -> new SuggestionIndex(props.names()));
      }
      candidates.put(s, new SuggestionIndex(all));
    }
  }

  @Override
  public void check(DocumentContext ctx) {
    ConnectorSchema schema = ctx.schema();
    for (String key : ctx.config().propertyNames()) {
      if (strayQuote(key)) {
        ctx.advisory(Rules.UNKNOWN_KEY, key, "has a stray quote in its name, so nothing reads it;"
            + " did you mean `" + key.replace("\"", "").replace("'", "").strip() + "`?");
      }
    }
    if (!schema.optsInto(Rules.UNKNOWN_KEY)) {
      return;
    }
    int suggested = 0;
    for (String key : ctx.config().propertyNames()) {
      if (schema.properties().names().contains(key) || strayQuote(key)) {
        continue;
      }
      ClientPrefixes.Under under = schema.underPrefix(key);
      ClientPrefix p = under == null ? null : under.prefix();
      String relative = under == null ? null : under.key();
      boolean knownUnderPrefix = p != null && p.properties().knows(relative);
      if (!knownUnderPrefix) {
        if (schema.properties().knows(key)) {
          continue;
        }
      }
      if (p == null) {
        String sibling = sibling(schema, key);
        if (sibling != null) {
          ctx.advisory(Rules.UNKNOWN_KEY, key, "is not a setting of " + schema.displayName()
              + "; " + sibling + " uses it");
          continue;
        }
        String s = suggested++ >= MAX_SUGGESTIONS ? null
            : candidates.getOrDefault(schema, NONE).closest(key);
        ctx.advisory(Rules.UNKNOWN_KEY, key, "unknown setting"
            + (s == null ? " for " + schema.displayName() : "; did you mean `" + s + "`?"));
        continue;
      }
      if (knownUnderPrefix) {
        continue;
      }
      if (p.properties().names().isEmpty() && p.properties().patterns().isEmpty()) {
        // A prefix declared with an empty def: nothing under it is used by this connector
        // (e.g. consumer.override.* of a source connector); no "did you mean" to a sibling.
        ctx.advisory(Rules.UNKNOWN_KEY, key, "has no effect: " + schema.displayName()
            + " uses no setting under " + p.prefix());
        continue;
      }
      if (suggested++ >= MAX_SUGGESTIONS) {
        ctx.advisory(Rules.UNKNOWN_KEY, key, "unknown setting under " + p.prefix());
        continue;
      }
      String elsewhere = otherPrefix(schema, p, relative);
      if (elsewhere != null) {
        // e.g. source.cluster.batch.size: MirrorMaker passes only its cluster client settings
        // on from source.cluster., so producer tuning there is dropped.
        ctx.advisory(Rules.UNKNOWN_KEY, key, "is not a setting of the client under "
            + p.prefix() + "; did you mean `" + elsewhere + relative + "`?");
        continue;
      }
      SuggestionIndex prefixKeys = underPrefix.get(p.properties());
      String s = prefixKeys != null ? prefixKeys.closest(relative)
          : Suggestions.closest(relative, p.properties().names());
      if (s == null) {
        s = candidates.getOrDefault(schema, NONE).closest(key);
      } else {
        s = p.prefix() + s;
      }
      ctx.advisory(Rules.UNKNOWN_KEY, key, "unknown setting"
          + (s == null ? " under " + p.prefix() : "; did you mean `" + s + "`?"));
    }
  }

  /** The first other connector schema that declares {@code key} (e.g. a sibling MirrorMaker
   * connector), by display name; null when none does. */
  private String sibling(ConnectorSchema schema, String key) {
    for (ConnectorSchema other : claiming) {
      if (other != schema && samePackage(schema, other)
          && other.properties().names().contains(key)) {
        return other.displayName();
      }
    }
    return null;
  }

  /** Siblings ship together: MirrorMaker's three connectors share one Java package. */
  private static boolean samePackage(ConnectorSchema a, ConnectorSchema b) {
    for (String x : a.claims()) {
      for (String y : b.claims()) {
        int i = x.lastIndexOf('.');
        if (i > 0 && x.substring(0, i).equals(y.substring(0, Math.max(0, y.lastIndexOf('.'))))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Another prefix of the schema whose client knows {@code relative}, preferring one that
   * shares the first segment ({@code source.}) with {@code p}, then one of the same kind
   * ({@code .override.}); null when none does.
   */
  private static String otherPrefix(ConnectorSchema schema, ClientPrefix p, String relative) {
    String segment = p.prefix().substring(0, p.prefix().indexOf('.') + 1);
    String rest = p.prefix().substring(segment.length());
    String sameKind = null;
    String any = null;
    for (ClientPrefix q : schema.prefixes()) {
      if (q != p && q.properties().names().contains(relative)) {
        if (q.prefix().startsWith(segment)) {
          return q.prefix();
        }
        if (!rest.isEmpty() && q.prefix().endsWith(rest) && sameKind == null) {
          sameKind = q.prefix(); // producer.override. → consumer.override.
        }
        any = any == null ? q.prefix() : any;
      }
    }
    return sameKind != null ? sameKind : any;
  }
}

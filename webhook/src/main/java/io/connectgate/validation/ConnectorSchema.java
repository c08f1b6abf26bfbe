package io.connectgate.validation;

import com.networknt.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One connector family's schema with the extension keywords read from it (see
 * schemas/README.md). {@code prefixes} are sorted longest first, so the first match of a key
 * is its longest matching prefix.
 *
 * @param file the schema file name (its identity in the catalog)
 * @param origin "built-in" or the path of the file it was read from
 */
public record ConnectorSchema(
    String file,
    String origin,
    String title,
    Schema schema,
    List<String> claims,
    boolean fallback,
    PropertySet properties,
    List<ClientPrefix> prefixes,
    Map<String, JsonNode> rules,
    List<InjectedDefault> defaults,
    List<Derivation> derivations) {

  public ConnectorSchema {
    prefixes = ClientPrefixes.of(prefixes);
  }

  /** The longest prefix {@code key} falls under, or null. */
  public ClientPrefix prefixOf(String key) {
    return ClientPrefixes.longest(prefixes, key);
  }

  /** The longest prefix {@code key} falls under and the key under it, or null. */
  ClientPrefixes.Under underPrefix(String key) {
    return ClientPrefixes.under(prefixes, key);
  }

  public ClientPrefix prefix(String prefix) {
    for (ClientPrefix p : prefixes) {
      if (p.prefix().equals(prefix)) {
        return p;
      }
    }
    return null;
  }

  /** The prefixes that each open a Kafka connection (defs with x-connectgate-client). */
  public List<String> clientPrefixes() {
    return prefixes.stream().filter(ClientPrefix::client).map(ClientPrefix::prefix).toList();
  }

  /** The target names of the schema's targeted derivations (empty when there is no choice). */
  public Set<String> derivationTargets() {
    Set<String> out = new TreeSet<>();
    derivations.forEach(d -> {
      if (d.target() != null) {
        out.add(d.target());
      }
    });
    return out;
  }

  public boolean optsInto(String rule) {
    return rules.containsKey(rule);
  }

  public String displayName() {
    return title == null ? file : title;
  }
}

package io.connectgate.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * One JSON Schema compiled for a quick answer to a single question: would networknt report no
 * error for this instance? Each check answers {@link Verdict#PASS} or {@link Verdict#FAIL}
 * only when it is certain networknt would agree, and {@link Verdict#UNSURE} otherwise, so that
 * a schema with {@code not} or {@code if} can still be decided (Kleene's three-valued logic).
 * Built by {@link FastCheckCompiler}; leaves in {@link FastLeaves}.
 */
interface FastCheck {

  Verdict check(JsonNode node);

  /** The three answers. FAIL and UNSURE both send the instance to networknt for its messages. */
  enum Verdict {
    PASS, FAIL, UNSURE;

    Verdict not() {
      return this == PASS ? FAIL : this == FAIL ? PASS : UNSURE;
    }
  }

  /**
   * Kleene's conjunction (decisive FAIL) or disjunction (decisive PASS) of {@code checks} on
   * {@code node}: the decisive answer as soon as one check gives it, else UNSURE if one was
   * unsure, else the other answer.
   */
  static Verdict decide(FastCheck[] checks, JsonNode node, Verdict decisive) {
    Verdict out = decisive.not();
    for (FastCheck c : checks) {
      Verdict v = c.check(node);
      if (v == decisive) {
        return decisive;
      }
      if (v == Verdict.UNSURE) {
        out = Verdict.UNSURE;
      }
    }
    return out;
  }

  FastCheck ALWAYS = node -> Verdict.PASS;
  FastCheck NEVER = node -> Verdict.FAIL;

  /** Every check applies ({@code allOf}, and the keywords of one schema object). */
  record AllOf(FastCheck[] checks) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      return decide(checks, node, Verdict.FAIL);
    }

    /**
     * The conjunction of {@code checks}, nested conjunctions flattened and every
     * {@code properties} among them merged into one (so that a config is walked once, by its
     * own keys, instead of once per {@code properties} keyword by the schema's keys).
     */
    static FastCheck of(List<FastCheck> checks) {
      List<FastCheck> flat = new ArrayList<>();
      Map<String, List<FastCheck>> properties = new HashMap<>();
      boolean merged = false;
      List<FastCheck> pending = new ArrayList<>(checks);
      for (int i = 0; i < pending.size(); i++) {
        FastCheck c = pending.get(i);
        if (c instanceof AllOf all) {
          pending.addAll(List.of(all.checks));
        } else if (c instanceof Properties p) {
          merged = true;
          p.byName.forEach((name, check) ->
              properties.computeIfAbsent(name, k -> new ArrayList<>()).add(check));
        } else if (c != ALWAYS) {
          flat.add(c);
        }
      }
      if (merged) {
        Map<String, FastCheck> byName = new HashMap<>();
        properties.forEach((name, list) -> byName.put(name, list.size() == 1 ? list.get(0)
            : new AllOf(list.toArray(FastCheck[]::new))));
        flat.add(0, new Properties(byName));
      }
      if (flat.isEmpty()) {
        return ALWAYS;
      }
      return flat.size() == 1 ? flat.get(0) : new AllOf(flat.toArray(FastCheck[]::new));
    }
  }

  /** At least one check passes ({@code anyOf}). */
  record AnyOf(FastCheck[] checks) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      return decide(checks, node, Verdict.PASS);
    }
  }

  /** {@code not}. */
  record Not(FastCheck check) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      return check.check(node).not();
    }
  }

  /** {@code if}, {@code then}, {@code else} (a missing branch passes). */
  record If(FastCheck condition, FastCheck then, FastCheck otherwise) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      return switch (condition.check(node)) {
        case PASS -> then.check(node);
        case FAIL -> otherwise.check(node);
        case UNSURE -> Verdict.UNSURE;
      };
    }
  }

  /**
   * {@code properties}: each member of an object that the map names passes its check; other
   * instances pass. Walks whichever of the object and the map is smaller.
   */
  record Properties(Map<String, FastCheck> byName) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      if (!node.isObject()) {
        return Verdict.PASS;
      }
      Verdict out = Verdict.PASS;
      if (node.size() <= byName.size()) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          FastCheck c = byName.get(e.getKey());
          if (c != null) {
            Verdict v = c.check(e.getValue());
            if (v == Verdict.FAIL) {
              return Verdict.FAIL;
            }
            if (v == Verdict.UNSURE) {
              out = Verdict.UNSURE;
            }
          }
        }
        return out;
      }
      for (Map.Entry<String, FastCheck> e : byName.entrySet()) {
        JsonNode value = node.get(e.getKey());
        if (value != null) {
          Verdict v = e.getValue().check(value);
          if (v == Verdict.FAIL) {
            return Verdict.FAIL;
          }
          if (v == Verdict.UNSURE) {
            out = Verdict.UNSURE;
          }
        }
      }
      return out;
    }
  }

  /** {@code required}: every name is a member of an object; other instances pass. */
  record Required(String[] names) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      if (!node.isObject()) {
        return Verdict.PASS;
      }
      for (String name : names) {
        if (node.get(name) == null) {
          return Verdict.FAIL;
        }
      }
      return Verdict.PASS;
    }
  }

  /** {@code propertyNames}: each member name, as a string, passes the check. */
  record PropertyNames(FastCheck names) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      if (!node.isObject()) {
        return Verdict.PASS;
      }
      Verdict out = Verdict.PASS;
      for (String name : node.propertyNames()) {
        Verdict v = names.check(StringNode.valueOf(name));
        if (v == Verdict.FAIL) {
          return Verdict.FAIL;
        }
        if (v == Verdict.UNSURE) {
          out = Verdict.UNSURE;
        }
      }
      return out;
    }
  }
}

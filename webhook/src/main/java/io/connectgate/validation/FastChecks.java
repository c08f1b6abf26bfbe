package io.connectgate.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistryConfig;
import io.connectgate.validation.FastCheck.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Validation with a shortcut: a {@link FastCheck} compiled from the same schema answers first,
 * and networknt runs only when that check is not certain the instance passes. A passing config
 * (the common case: a connector redeployed unchanged) then costs a walk of its own keys instead
 * of networknt's walk of every property of every schema it includes; a failing or uncertain one
 * gets networknt's errors, so every message is networknt's as before. Equivalence with networknt
 * is tested on the corpus and on generated values ({@code FastChecksTest}).
 *
 * <p>Checks are compiled on first use, once per networknt schema (the catalog's schemas are a
 * fixed set, so the map is bounded by the catalog). Thread-safe.
 */
final class FastChecks {

  /** A schema the compiler refused: always networknt. */
  private static final FastCheck REFUSED = node -> Verdict.UNSURE;

  private final FastCheckCompiler compiler;
  private final Map<Schema, FastCheck> checks = new ConcurrentHashMap<>();

  /**
   * @param documents each catalog file's root schema node as networknt parsed it, by file IRI
   * @param config the registry's settings
   */
  FastChecks(Map<String, JsonNode> documents, SchemaRegistryConfig config) {
    this.compiler = new FastCheckCompiler(Map.copyOf(documents), config);
  }

  private FastChecks() {
    this.compiler = null;
  }

  /** networknt alone, every time: what the checks are compared with (tests, benchmarks). */
  static FastChecks networkntOnly() {
    return new FastChecks();
  }

  /** networknt's errors for {@code instance}: none without running it when the check passes. */
  List<Error> validate(Schema schema, JsonNode instance) {
    return verdict(schema, instance) == Verdict.PASS ? List.of() : schema.validate(instance);
  }

  /** The fast check's answer; UNSURE when it has none or stopped on an exception. */
  Verdict verdict(Schema schema, JsonNode instance) {
    FastCheck check = checks.get(schema);
    if (check == null) {
      check = checks.computeIfAbsent(schema, this::compile);
    }
    try {
      return check.check(instance);
    } catch (RuntimeException | StackOverflowError e) {
      // A pattern over its step budget, a value too deep for java.util.regex: networknt meets
      // the same and SchemaCheck reports it as it always has.
      return Verdict.UNSURE;
    }
  }

  /** Whether {@code schema} has a fast check (tests: the built-in catalog's all do). */
  boolean compiled(Schema schema) {
    return checks.computeIfAbsent(schema, this::compile) != REFUSED;
  }

  private FastCheck compile(Schema schema) {
    if (compiler == null) {
      return REFUSED;
    }
    FastCheck check;
    synchronized (compiler) {
      check = compiler.compile(schema.getSchemaNode(),
          schema.getSchemaLocation().getAbsoluteIri().toString());
    }
    return check == null ? REFUSED : check;
  }
}

package io.connectgate.validation;

/** A check a JSON Schema cannot express, implemented once and opted into by schemas. */
interface DocumentRule {
  void check(DocumentContext ctx);
}

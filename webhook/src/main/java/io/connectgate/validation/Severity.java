package io.connectgate.validation;

/** ERROR denies; WARNING is reported to the user; AUDIT is recorded in logs and metrics only. */
public enum Severity {
  ERROR,
  WARNING,
  AUDIT
}

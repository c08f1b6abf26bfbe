package io.connectgate.tls;

import java.util.List;

/** The Secret contents to write and why (log-safe reasons: names and dates, never keys). */
public record RotationPlan(TlsSecretData data, List<String> reasons) {}

package io.connectgate.admission;

import tools.jackson.databind.JsonNode;

/**
 * What {@link ReviewReader} took from a body, before {@link AdmissionRequestDecoder} judges it.
 * Strings are null when absent or not strings; {@code kind} is null when request.kind is not
 * an object; {@code tooLarge} names the limit an object broke, or is null.
 */
record ReviewParts(
    String apiVersion,
    String kind,
    boolean hasRequest,
    String uid,
    String operation,
    GroupVersionKind requestKind,
    String namespace,
    String name,
    JsonNode object,
    JsonNode oldObject,
    boolean dryRun,
    String tooLarge) {}

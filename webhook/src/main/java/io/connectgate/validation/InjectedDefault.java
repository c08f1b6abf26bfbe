package io.connectgate.validation;

import tools.jackson.databind.JsonNode;

/** A top-level property with {@code x-connectgate-inject: true}: mutation sets its {@code default}. */
public record InjectedDefault(String key, JsonNode value) {}

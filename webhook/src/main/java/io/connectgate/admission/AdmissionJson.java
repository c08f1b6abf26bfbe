package io.connectgate.admission;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JsonMapper the webhook reads reviews with. Its limits make hostile JSON fail fast:
 * deep nesting would otherwise recurse through the tree builder, and huge strings or numbers
 * would cost memory and CPU before any check could look at them.
 */
public final class AdmissionJson {

  /** Kubernetes objects nest about 10 deep (managedFields); 64 leaves room and stays cheap. */
  public static final int MAX_NESTING_DEPTH = 64;

  /** A string can never exceed the body limit; a ConfigMap value is at most 1 MiB anyway. */
  public static final int MAX_STRING_LENGTH = 3 * 1024 * 1024;

  /** No number in a review needs more digits than this; long numbers are a parsing-cost attack. */
  public static final int MAX_NUMBER_LENGTH = 64;

  public static final int MAX_NAME_LENGTH = 64 * 1024;

  private AdmissionJson() {}

  public static JsonMapper newMapper() {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }
}

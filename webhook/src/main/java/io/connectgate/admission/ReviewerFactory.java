package io.connectgate.admission;

import java.nio.file.Path;

/**
 * The one place {@code serve} obtains its {@link ConfigMapReviewer}. The decision engine
 * ({@code EngineReviewer}) is built in parallel; until it is merged this refuses to start
 * with a clear message instead of serving a webhook that would allow everything.
 *
 * <p>To plug the engine in, replace the body of {@link #create} with the construction of
 * {@code EngineReviewer} from the schema directory (null: built-in catalog) and policy file
 * (null: built-in defaults), failing fast with every problem listed.
 */
public final class ReviewerFactory {

  public ConfigMapReviewer create(Path schemasDir, Path policyFile) {
    throw new ReviewerUnavailableException(
        "the decision engine (EngineReviewer) is not wired into this build yet; serve cannot"
            + " start without it (schemas=" + (schemasDir == null ? "<built-in>" : schemasDir)
            + ", policy=" + (policyFile == null ? "<defaults>" : policyFile) + ")");
  }

  /** Start-up failure with a message meant for the operator. */
  public static final class ReviewerUnavailableException extends RuntimeException {
    public ReviewerUnavailableException(String message) {
      super(message);
    }
  }
}

package io.connectgate.admission;

import java.nio.file.Path;

/**
 * How {@code serve} obtains its {@link ConfigMapReviewer} from {@code --schemas} (null: the
 * built-in catalog) and {@code --policy} (null: built-in defaults). Implementations fail fast,
 * listing every problem, rather than serve a webhook that cannot decide.
 */
@FunctionalInterface
public interface ReviewerFactory {

  ConfigMapReviewer create(Path schemasDir, Path policyFile);

  /**
   * The factory {@code serve} uses: the one switch the lead flips to plug the decision engine
   * in (e.g. {@code return EngineReviewer::load;}). Until then it refuses to start with a
   * clear message instead of serving a webhook that would allow everything.
   */
  static ReviewerFactory standard() {
    return (schemasDir, policyFile) -> {
      throw new ReviewerUnavailableException(
          "the decision engine (EngineReviewer) is not wired into this build yet; serve cannot"
              + " start without it (schemas=" + (schemasDir == null ? "<built-in>" : schemasDir)
              + ", policy=" + (policyFile == null ? "<defaults>" : policyFile) + ")");
    };
  }

  /** Start-up failure with a message meant for the operator. */
  final class ReviewerUnavailableException extends RuntimeException {
    public ReviewerUnavailableException(String message) {
      super(message);
    }
  }
}

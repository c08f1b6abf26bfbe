package io.connectgate.validation;

import java.nio.file.Files;
import java.nio.file.Path;

/** The catalog under test: the repository's schemas directory, loaded once per JVM. */
public final class TestCatalogs {

  private static final SchemaCatalog REPOSITORY = SchemaCatalog.loadOnly(schemasDir());

  private TestCatalogs() {}

  public static SchemaCatalog repository() {
    return REPOSITORY;
  }

  /**
   * {@code catalog} with every schema validated by networknt alone, without the fast checks:
   * the reference they are compared with (FastChecksTest, ReviewLoop's schemas=networknt).
   */
  public static SchemaCatalog networkntOnly(SchemaCatalog catalog) {
    return new SchemaCatalog(catalog.source(), catalog.schemas(), catalog.byClass(),
        catalog.fallback(), catalog.documents(), catalog.origins(), catalog.plugins(),
        FastChecks.networkntOnly());
  }

  /** {@code ../schemas} from the webhook module (Maven runs tests there), else {@code schemas}. */
  public static Path schemasDir() {
    Path fromModule = Path.of("..", "schemas");
    return Files.isDirectory(fromModule) ? fromModule : Path.of("schemas");
  }
}

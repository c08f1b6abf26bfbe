package io.connectgate.kube;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The API's limit/continue paging, one page in memory at a time, for every listing the audit
 * makes (ConfigMaps and connector resources alike), so that each kind pages the same way.
 */
final class ListPages {

  private ListPages() {}

  /** {@code pageSize}, refused below 1 (a limit of 0 means "everything at once" to the API). */
  static int checked(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1");
    }
    return pageSize;
  }

  /**
   * Fetches page after page until the API returns no continue token.
   *
   * @param fetch one list request with the given limit and continue token
   * @param each called with every page, in order
   * @return the number of pages fetched
   */
  static <L extends KubernetesResourceList<?>> int walk(int pageSize, Function<ListOptions, L> fetch,
      Consumer<L> each) {
    String token = null;
    int pages = 0;
    do {
      L page = fetch.apply(
          new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token).build());
      pages++;
      each.accept(page);
      token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    return pages;
  }
}

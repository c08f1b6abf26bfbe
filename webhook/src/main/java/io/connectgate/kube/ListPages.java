package io.connectgate.kube;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
   * @param group the API group listed ("" for the core group), for a 403's message
   * @param plural the resource listed, for a 403's message
   * @param namespace the namespace listed, or null for all namespaces, for a 403's message
   * @param fetch one list request with the given limit and continue token
   * @param each called with every page, in order
   * @return the number of pages fetched
   * @throws ListForbiddenException when RBAC does not grant list on the resource
   */
  static <L extends KubernetesResourceList<?>> int walk(String group, String plural,
      String namespace, int pageSize, Function<ListOptions, L> fetch, Consumer<L> each) {
    String token = null;
    int pages = 0;
    do {
      L page;
      try {
        page = fetch.apply(
            new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token).build());
      } catch (KubernetesClientException e) {
        throw ListForbiddenException.ifForbidden(e, group, plural, namespace);
      }
      pages++;
      each.accept(page);
      token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    return pages;
  }
}

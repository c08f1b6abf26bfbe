package io.connectgate.admission;

import io.connectgate.policy.Glob;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which Kafka Connect URLs a per-ConfigMap {@code connectgate.io/connect-url} annotation may
 * choose. Without this list anyone allowed to write a ConfigMap could aim the deploy Job (and
 * its network access) at any address: an SSRF through connectgate.
 *
 * <p>A URL is first normalised ({@link #normalize}): http or https, a host, no user info, no
 * query or fragment, lower-case scheme and host, no trailing slash. Patterns are globs over
 * that text, matched case-insensitively: {@code *} matches any run of characters <em>within
 * one URL component</em> (never {@code /}, {@code :}, {@code @}, {@code ?} or {@code #}), so
 * {@code http://connect-*.kafka.svc:8083} cannot be stretched to another host, port or path;
 * every other character is literal. A port, when used, must be written in the pattern.
 */
public final class ConnectUrlAllowList {

  /** Characters a {@code *} never matches: the separators of URL components. */
  private static final String SEPARATORS = "/:@?#";

  private final List<String> texts;
  private final List<UrlPattern> patterns;

  private ConnectUrlAllowList(List<String> texts, List<UrlPattern> patterns) {
    this.texts = List.copyOf(texts);
    this.patterns = List.copyOf(patterns);
  }

  public static ConnectUrlAllowList none() {
    return new ConnectUrlAllowList(List.of(), List.of());
  }

  /** @throws IllegalArgumentException listing every unusable pattern */
  public static ConnectUrlAllowList compile(List<String> texts) {
    List<String> problems = new ArrayList<>();
    List<UrlPattern> patterns = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String raw : texts) {
      String text = raw == null ? "" : raw.strip();
      String problem = problem(text);
      if (problem != null) {
        problems.add("--connect-url-allow \"" + text + "\" " + problem);
        continue;
      }
      String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
      kept.add(trimmed);
      patterns.add(UrlPattern.of(trimmed));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new ConnectUrlAllowList(kept, patterns);
  }

  private static String problem(String text) {
    if (text.isEmpty()) {
      return "is empty";
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return "must start with http:// or https://";
    }
    if (text.chars().anyMatch(c -> Character.isWhitespace(c) || c == '@' || c == '?' || c == '#')) {
      return "must not contain whitespace, '@', '?' or '#'";
    }
    String rest = text.substring(text.indexOf("://") + 3);
    if (rest.isEmpty() || rest.startsWith("/")) {
      return "has no host part";
    }
    return null;
  }

  /**
   * A pattern as its separators and the glob of each component between them. Since a star
   * never matches a separator, a URL matches only with the very same separators in the same
   * order, and then component by component: each a linear-time {@link Glob} match (the URL is
   * the tenant's text; docs/hardening.md "Linear-time matching").
   */
  private record UrlPattern(String separators, List<Glob> components) {

    static UrlPattern of(String text) {
      Split split = Split.of(text);
      return new UrlPattern(split.separators(), split.components().stream().map(Glob::compile).toList());
    }

    boolean matches(String url) {
      Split split = Split.of(url);
      if (!split.separators().equals(separators)) {
        return false;
      }
      for (int i = 0; i < components.size(); i++) {
        if (!components.get(i).matches(split.components().get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /** Text cut at {@link #SEPARATORS}: the separators in order, and the components around them. */
  private record Split(String separators, List<String> components) {
    static Split of(String text) {
      StringBuilder separators = new StringBuilder();
      List<String> components = new ArrayList<>();
      int from = 0;
      for (int i = 0; i < text.length(); i++) {
        if (SEPARATORS.indexOf(text.charAt(i)) >= 0) {
          separators.append(text.charAt(i));
          components.add(text.substring(from, i));
          from = i + 1;
        }
      }
      components.add(text.substring(from));
      return new Split(separators.toString(), components);
    }
  }

  /** The patterns as given (trailing slash removed), for messages. */
  public List<String> patterns() {
    return texts;
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Whether a normalised URL ({@link #normalize}) matches one of the patterns. */
  public boolean allows(String normalizedUrl) {
    return patterns.stream().anyMatch(p -> p.matches(normalizedUrl));
  }

  /**
   * {@code scheme://host[:port][/path]} with lower-case scheme and host and no trailing slash,
   * or null when {@code url} is not an http(s) URL with a host and without user info, query
   * or fragment. User info is refused because the URL ends up in the Job's spec, readable by
   * anyone who may read Jobs.
   */
  public static String normalize(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      return null;
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.isOpaque()) {
      return null;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    // One cut after the last non-slash: the annotation is the tenant's (up to 256 KiB), and
    // dropping one slash per copy was quadratic in a run of slashes.
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    path = path.substring(0, end);
    if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
      return null;
    }
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path;
  }
}

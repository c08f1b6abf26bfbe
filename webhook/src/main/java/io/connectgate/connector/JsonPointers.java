package io.connectgate.connector;

/** RFC 6901 escaping: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}, in that order. */
public final class JsonPointers {

  private JsonPointers() {}

  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }
}

package io.connectgate.server;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** An HTTP answer computed off the event loop and written on it. */
record Reply(int status, String contentType, Buffer body) {

  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  static Reply json(byte[] body) {
    return new Reply(200, JSON, Buffer.buffer(body));
  }

  static Reply text(int status, String message) {
    return new Reply(status, TEXT, Buffer.buffer(message + "\n", StandardCharsets.UTF_8.name()));
  }
}

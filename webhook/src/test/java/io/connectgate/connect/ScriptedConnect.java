package io.connectgate.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in for the Connect REST API on 127.0.0.1: each route ("PUT /connectors/x/config")
 * answers from its script in order, repeating the last answer. Records every request.
 */
final class ScriptedConnect implements AutoCloseable {

  record Answer(int status, String body) {}

  record Request(String method, String rawPath, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  ScriptedConnect() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  ScriptedConnect on(String methodAndRawPath, Answer... answers) {
    scripts.put(methodAndRawPath, new ArrayDeque<>(List.of(answers)));
    return this;
  }

  static Answer answer(int status, String body) {
    return new Answer(status, body);
  }

  static Answer error(int status, String message) {
    return new Answer(status, "{\"error_code\":" + status + ",\"message\":\"" + message + "\"}");
  }

  static Answer status(String connectorState, String... taskStates) {
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < taskStates.length; i++) {
      tasks.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"state\":\"")
          .append(taskStates[i]).append("\",\"worker_id\":\"w:8083\"")
          .append(taskStates[i].equals("FAILED")
              ? ",\"trace\":\"org.apache.kafka.connect.errors.ConnectException: task " + i
                  + " broke\\n\\tat Foo.bar(Foo.java:1)\"" : "")
          .append("}");
    }
    return new Answer(200, "{\"name\":\"c\",\"connector\":{\"state\":\"" + connectorState
        + "\",\"worker_id\":\"w:8083\"},\"tasks\":[" + tasks + "],\"type\":\"source\"}");
  }

  long count(String methodAndRawPath) {
    return requests.stream().filter(r -> (r.method() + " " + r.rawPath())
        .equals(methodAndRawPath)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String rawPath = exchange.getRequestURI().getRawPath();
    requests.add(new Request(exchange.getRequestMethod(), rawPath, body));
    Deque<Answer> script = scripts.get(exchange.getRequestMethod() + " " + rawPath);
    Answer answer;
    if (script == null || script.isEmpty()) {
      answer = error(404, "no script for " + exchange.getRequestMethod() + " " + rawPath);
    } else {
      answer = script.size() > 1 ? script.poll() : script.peek();
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

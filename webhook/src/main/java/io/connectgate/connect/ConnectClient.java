package io.connectgate.connect;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The Kafka Connect REST calls deploy needs. One request per call, no retries here:
 * {@link ConnectorDeployer} decides what is worth repeating. Transport failures surface as
 * {@link IOException}.
 */
public final class ConnectClient {

  private final String base;
  private final HttpClient http;
  private final ObjectMapper json = JsonMapper.builder().build();

  public ConnectClient(URI baseUrl, HttpClient http) {
    this.base = checkedBase(baseUrl);
    this.http = http;
  }

  public static HttpClient defaultHttpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        // Connect's Jetty speaks HTTP/1.1; no h2c upgrade attempt on plain http.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The URL without a trailing slash; only absolute http(s) URLs with a host are accepted. */
  static String checkedBase(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("the Connect URL must not carry a query or fragment: "
          + url);
    }
    String s = url.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** {@code PUT /connectors/{name}/config}: 201 created, 200 updated. */
  public ConnectResponse putConfig(String name, Map<String, String> config, Duration timeout)
      throws IOException, InterruptedException {
    return send("PUT", "/connectors/" + segment(name) + "/config", config, timeout);
  }

  /** {@code GET /connectors/{name}/status}. */
  public ConnectResponse status(String name, Duration timeout)
      throws IOException, InterruptedException {
    return send("GET", "/connectors/" + segment(name) + "/status", null, timeout);
  }

  /** {@code DELETE /connectors/{name}}: 204 deleted, 404 absent. */
  public ConnectResponse deleteConnector(String name, Duration timeout)
      throws IOException, InterruptedException {
    return send("DELETE", "/connectors/" + segment(name), null, timeout);
  }

  /** {@code PUT /connector-plugins/{class}/config/validate}. */
  public ConnectResponse validate(String connectorClass, Map<String, String> config,
      Duration timeout) throws IOException, InterruptedException {
    return send("PUT", "/connector-plugins/" + segment(connectorClass) + "/config/validate",
        config, timeout);
  }

  /** Percent-encodes one path segment (URLEncoder is for forms: it writes '+' for space). */
  static String segment(String raw) {
    return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Where {@link #putConfig} sends the config, for messages and dry runs. */
  public URI configUri(String name) {
    return uri("/connectors/" + segment(name) + "/config");
  }

  /** Where {@link #deleteConnector} sends its request. */
  public URI connectorUri(String name) {
    return uri("/connectors/" + segment(name));
  }

  URI uri(String path) {
    return URI.create(base + path);
  }

  private ConnectResponse send(String method, String path, Map<String, String> body,
      Duration timeout) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .timeout(timeout)
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new ConnectResponse(response.statusCode(), parse(response.body()), response.body());
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      return MissingNode.getInstance();
    }
  }
}

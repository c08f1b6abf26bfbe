package io.connectgate.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A hand-driven HTTP/1.1 connection over TLS, for what ordinary clients refuse to do:
 * announce a body and never send it, or stream an endless chunked body.
 */
final class RawHttp1 implements AutoCloseable {

  private final SSLSocket socket;
  private final OutputStream out;
  private final BufferedReader in;

  RawHttp1(SSLContext context, int port) throws IOException {
    socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    SSLParameters params = socket.getSSLParameters();
    params.setApplicationProtocols(new String[] {"http/1.1"});
    params.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(params);
    socket.setSoTimeout(20_000);
    socket.startHandshake();
    out = socket.getOutputStream();
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The status code of the response's status line. */
  int readStatus() throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IOException("connection closed before a status line");
    }
    return Integer.parseInt(line.split(" ")[1]);
  }

  /** Reads a whole response (status line, headers, Content-Length body); returns the status. */
  int readResponse() throws IOException {
    int status = readStatus();
    int length = 0;
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      if (in.read() < 0) {
        throw new IOException("connection closed in the body");
      }
    }
    return status;
  }

  /**
   * Whether the server closed the connection: blocks until it does, sends something (false) or
   * the socket's 20 s read timeout passes (false).
   */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

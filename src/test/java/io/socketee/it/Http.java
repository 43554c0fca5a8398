package io.socketee.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A raw HTTP client for protocol tests: keep-alive, no cookies, exact bodies. */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
        return getAsync(pathAndQuery, headers).get();
    }

    public CompletableFuture<HttpResponse<byte[]>> getAsync(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String pathAndQuery, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String pathAndQuery, String body, String... headers) throws Exception {
        return post(pathAndQuery, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<byte[]> request(String method, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The sid of an EIO handshake body ({@code 0{"sid":"..."...}} or its v3 framings). */
    public static String sid(String handshakeBody) {
        int i = handshakeBody.indexOf("\"sid\":\"") + 7;
        return handshakeBody.substring(i, handshakeBody.indexOf('"', i));
    }
}

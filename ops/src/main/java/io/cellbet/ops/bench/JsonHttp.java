package io.cellbet.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking JSON-over-HTTP client for scenarios, safe to share between load workers. */
public final class JsonHttp {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int BODY_EXCERPT_CHARS = 500;

    /** A response: status, parsed body (a missing node if empty or not JSON) and raw text. */
    public record Response(int status, JsonNode body, String text) {

        /** The body, or an {@link IOException} naming the request when the status is not {@code expected}. */
        public JsonNode expect(int expected, String what) throws IOException {
            if (status != expected) {
                String excerpt = text.length() > BODY_EXCERPT_CHARS ? text.substring(0, BODY_EXCERPT_CHARS) + "..."
                        : text;
                throw new IOException(what + " answered " + status + " (expected " + expected + "): " + excerpt);
            }
            return body;
        }
    }

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final String bearerToken;

    public JsonHttp() {
        this(DEFAULT_TIMEOUT);
    }

    public JsonHttp(Duration timeout) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build(),
                new ObjectMapper().registerModule(new JavaTimeModule()), timeout, null);
    }

    private JsonHttp(HttpClient client, ObjectMapper mapper, Duration timeout, String bearerToken) {
        this.client = client;
        this.mapper = mapper;
        this.timeout = timeout;
        this.bearerToken = bearerToken;
    }

    /** The same client sending {@code Authorization: Bearer <token>} (an ops token, for the cells' ops endpoints). */
    public JsonHttp withBearer(String token) {
        return new JsonHttp(client, mapper, timeout, token);
    }

    /** The same client waiting up to {@code timeout} for an answer (a long ops request, such as an audit). */
    public JsonHttp withTimeout(Duration timeout) {
        return new JsonHttp(client, mapper, timeout, bearerToken);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** GET expecting 200. */
    public JsonNode get(String url) throws IOException, InterruptedException {
        return send("GET", url, null).expect(200, "GET " + url);
    }

    public Response send(String method, String url, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), parse(response.body()), response.body());
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(text);
        } catch (IOException notJson) {
            return mapper.missingNode();
        }
    }
}

package io.jitskit.agents.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON to a model API and reads the answer, retrying what a retry can fix.
 *
 * <p>Status mapping: 401 and 403 fail at once with a message naming the key to fix; 429 is a rate limit and 529,
 * 500, 502, 503 and 504 are overload, both retried; any other 4xx fails at once with the server's own words (a wrong
 * model name, a context that is too long). Connection failures and streams that end early are retried. Every message
 * passes the {@link Redactor} and is cut to one line.
 */
final class ApiTransport {

    /** Reads a 2xx response; throws {@link ModelException} for an error the body reveals (an error event). */
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 400;

    private final String provider;
    private final String keyName;
    private final HttpClient http;
    private final RetryPolicy policy;
    private final Redactor redactor;
    private final Duration requestTimeout;

    /**
     * @param provider       names the API in messages
     * @param keyName        how the user sets the key, e.g. {@code ANTHROPIC_API_KEY}: named when the key is refused
     * @param requestTimeout the longest a single request (a whole streamed reply) may take
     */
    ApiTransport(final String provider, final String keyName, final HttpClient http, final RetryPolicy policy,
                 final Redactor redactor, final Duration requestTimeout) {
        this.provider = provider;
        this.keyName = keyName;
        this.http = http;
        this.policy = policy;
        this.redactor = redactor;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The transport a model API client uses: 20 s to connect, and up to 10 min for one request, since a streamed
     * reply of a long tool-using turn can take minutes.
     */
    static ApiTransport forModelApi(final String provider, final String keyName, final RetryPolicy policy,
                                    final Redactor redactor) {
        return new ApiTransport(provider, keyName, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .build(), policy, redactor, Duration.ofMinutes(10));
    }

    Redactor redactor() {
        return redactor;
    }

    <T> T post(final URI uri, final Map<String, String> headers, final String body, final BodyReader<T> reader)
        throws ModelException {
        ModelException last = null;
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            if (last != null) {
                pause(policy.delay(attempt - 1, last.retryAfter()));
            }
            try {
                return once(uri, headers, body, reader);
            } catch (final ModelException e) {
                if (!e.kind().retryable()) {
                    throw e;
                }
                last = e;
            }
        }
        throw new ModelException(last.kind(), last.getMessage() + " (gave up after " + policy.attempts()
            + " tries)", last.retryAfter());
    }

    private <T> T once(final URI uri, final Map<String, String> headers, final String body,
                       final BodyReader<T> reader) throws ModelException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        final HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (final IOException e) {
            throw new ModelException(ModelException.Kind.UNREACHABLE, clean("cannot reach " + provider + " at "
                + uri + ": " + describe(e) + "; check the base URL and the network"));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.UNREACHABLE, provider + " request interrupted");
        }
        final int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status / 100 == 2) {
                return reader.read(in);
            }
            final String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            throw statusError(status, text, response.headers().firstValue("retry-after").orElse(null),
                response.headers().firstValue("retry-after-ms").orElse(null));
        } catch (final ModelException e) {
            throw e;
        } catch (final JsonProcessingException e) {
            throw new ModelException(ModelException.Kind.MALFORMED, clean(provider + " returned malformed JSON ("
                + e.getOriginalMessage() + "); is the base URL " + uri + " really a " + provider + " API?"));
        } catch (final IOException e) {
            throw new ModelException(ModelException.Kind.UNREACHABLE, clean(provider + " connection broke while "
                + "reading the reply: " + describe(e)));
        }
    }

    private ModelException statusError(final int status, final String body, final String retryAfter,
                                       final String retryAfterMs) {
        final String said = serverMessage(body);
        final Duration wait = parseRetryAfter(retryAfter, retryAfterMs);
        if (status == 401 || status == 403) {
            return new ModelException(ModelException.Kind.AUTH, clean(keyName + " is not valid (" + provider
                + " answered " + status + ": " + said + "); set a working key"));
        }
        if (status == 429) {
            return new ModelException(ModelException.Kind.RATE_LIMITED, clean(provider + " rate limit (429): " + said),
                wait);
        }
        if (status == 529 || status == 500 || status == 502 || status == 503 || status == 504) {
            return new ModelException(ModelException.Kind.OVERLOADED, clean(provider + " is overloaded (" + status
                + "): " + said), wait);
        }
        return new ModelException(ModelException.Kind.REJECTED, clean(provider + " refused the request (" + status
            + "): " + said));
    }

    /** {@code error.message} of either provider's error body, else the body's first line. */
    private static String serverMessage(final String body) {
        try {
            final JsonNode node = JSON.readTree(body);
            final JsonNode message = node.path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (final IOException e) {
            // Not JSON: a proxy's HTML page, say. Its first line is still the best clue.
        }
        final String line = body.strip().lines().findFirst().orElse("(empty body)");
        return line.isEmpty() ? "(empty body)" : line;
    }

    static Duration parseRetryAfter(final String seconds, final String millis) {
        try {
            if (millis != null) {
                return Duration.ofMillis((long) Double.parseDouble(millis.strip()));
            }
            if (seconds != null) {
                return Duration.ofMillis((long) (Double.parseDouble(seconds.strip()) * 1000));
            }
        } catch (final NumberFormatException e) {
            // An HTTP date: rare from these APIs; the backoff alone is a fine answer.
        }
        return null;
    }

    private static String describe(final IOException e) {
        final String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Redacted, one line, bounded. */
    String clean(final String message) {
        String m = redactor.apply(message).replace('\r', ' ').replace('\n', ' ');
        if (m.length() > MAX_MESSAGE) {
            m = m.substring(0, MAX_MESSAGE) + "...";
        }
        return m;
    }

    private void pause(final Duration d) throws ModelException {
        try {
            Thread.sleep(d);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.UNREACHABLE, provider + " retry interrupted");
        }
    }
}

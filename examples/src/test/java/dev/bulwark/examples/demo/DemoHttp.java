package dev.bulwark.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP helpers for end-to-end tests against one or more running demo instances. */
final class DemoHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Pattern LINK = Pattern.compile("/auth/verify\\?token=([A-Za-z0-9_-]+)");

    private DemoHttp() {
    }

    /** A response with its JSON body (or a JSON null). */
    record Res(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String reason() {
            return body.path("reason").asText();
        }

        String text(String field) {
            return body.path(field).asText();
        }
    }

    /** A signed-up user. */
    record User(String email, String id, String org) {
    }

    static Res send(DemoServer demo, String method, String path, String token, String json, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(demo.url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Res(r.statusCode(), body, r);
    }

    static String credentials(String email, String password) {
        return JSON.createObjectNode().put("email", email).put("password", password).toString();
    }

    static String refreshBody(String refreshToken) {
        return JSON.createObjectNode().put("refresh_token", refreshToken).toString();
    }

    /** Signs up a new user on {@code demo}; returns the user and the verification token from the console. */
    static User signup(DemoServer demo, List<String> console, String prefix) throws Exception {
        String email = prefix + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
        Res r = send(demo, "POST", "/auth/signup", null, credentials(email, PASSWORD));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new User(email, r.text("user"), r.text("org"));
    }

    static String verificationToken(List<String> console, User u) {
        String line = console.stream().filter(l -> l.contains(u.email())).reduce((a, b) -> b).orElseThrow();
        Matcher m = LINK.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1);
    }

    /** Signs up and verifies a user on {@code demo}. */
    static User verifiedUser(DemoServer demo, List<String> console, String prefix) throws Exception {
        User u = signup(demo, console, prefix);
        Res v = send(demo, "GET", "/auth/verify?token=" + verificationToken(console, u), null, null);
        assertThat(v.status()).as(v.raw().body()).isEqualTo(200);
        return u;
    }

    static Res login(DemoServer demo, User u, String password) throws Exception {
        return send(demo, "POST", "/auth/login", null, credentials(u.email(), password));
    }

    static JsonNode login(DemoServer demo, User u) throws Exception {
        Res r = login(demo, u, PASSWORD);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body();
    }

    static void assertProblem(Res r, int status, String reason) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.reason()).as(r.raw().body()).isEqualTo(reason);
    }
}

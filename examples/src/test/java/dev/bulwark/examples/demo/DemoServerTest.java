package dev.bulwark.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoServerTest {

    private static DemoServer demo;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(0, List.of("http://localhost:3000"));
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(demo.url() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_ok_withSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(r.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void whoami_echoesSecurityHeaders_masksCredentials() throws Exception {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl";
        HttpResponse<String> r = get("/api/whoami", "Authorization", "Bearer " + token, "X-Org-Id", "acme",
                "Origin", "http://localhost:3000");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.at("/headers/x-org-id").asText()).isEqualTo("acme");
        assertThat(body.at("/headers/authorization").asText()).isEqualTo("Bearer eyJhbGci…");
        assertThat(r.body()).doesNotContain(token);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
    }

    @Test
    void unknownRoute_problemJson404() throws Exception {
        HttpResponse<String> r = get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).contains("\"reason\":\"NOT_FOUND\"");
    }

    @Test
    void walkthrough_namesTheUrlAndCurlLines() {
        assertThat(demo.walkthrough()).contains(demo.url()).contains("curl -i " + demo.url() + "/health");
        assertThat(DemoServer.mask("short")).isEqualTo("***");
    }
}

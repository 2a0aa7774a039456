package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every published card and IBAN vector is classified as labelled, bare and inside a sentence. */
class ChecksumVectorsTest {

    private final PiiDetector detector = PiiDetector.ofDefaults();

    private static JsonNode vectors() throws Exception {
        try (InputStream in = ChecksumVectorsTest.class.getResourceAsStream("/vectors/checksum_vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void cards_classifiedAsLabelled() throws Exception {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode c : vectors().get("cards")) {
            String number = c.get("number").asText();
            boolean valid = c.get("luhnValid").asBoolean();
            for (String form : List.of(number, group4(number, ' '), group4(number, '-'))) {
                String text = "paid with " + form + " yesterday";
                boolean found = detector.detect(text).stream().anyMatch(s -> s.type() == PiiType.CREDIT_CARD
                        && s.text(text).equals(form));
                if (found != valid) {
                    failures.add(form + " (" + c.get("note").asText() + ") expected " + valid);
                }
                count++;
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(36);
        assertThat(failures).isEmpty();
    }

    @Test
    void ibans_classifiedAsLabelled() throws Exception {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode c : vectors().get("ibans")) {
            String print = c.get("iban").asText();
            boolean valid = c.get("mod97Valid").asBoolean();
            for (String form : List.of(print, print.replace(" ", ""))) {
                String text = "IBAN: " + form + ", thanks";
                boolean found = detector.detect(text).stream().anyMatch(s -> s.type() == PiiType.IBAN
                        && s.text(text).equals(form));
                if (found != valid) {
                    failures.add(form + " (" + c.get("note").asText() + ") expected " + valid);
                }
                count++;
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(16);
        assertThat(failures).isEmpty();
    }

    private static String group4(String n, char sep) {
        if (n.length() == 15) {
            return n.substring(0, 4) + sep + n.substring(4, 10) + sep + n.substring(10);
        }
        if (n.length() == 14) {
            return n.substring(0, 4) + sep + n.substring(4, 10) + sep + n.substring(10);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(sep);
            }
            sb.append(n.charAt(i));
        }
        return sb.toString();
    }
}

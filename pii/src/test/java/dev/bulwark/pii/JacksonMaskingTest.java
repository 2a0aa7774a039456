package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Secret;
import dev.bulwark.pii.jackson.JsonMasking;
import dev.bulwark.pii.jackson.PiiJacksonModule;
import dev.bulwark.pii.jackson.Sensitive;
import java.util.List;
import org.junit.jupiter.api.Test;

class JacksonMaskingTest {

    public static final class Customer {
        @Sensitive(type = PiiType.EMAIL, operator = MaskOperator.PARTIAL)
        public String email = "john@example.com";
        @Sensitive(type = PiiType.CREDIT_CARD, operator = MaskOperator.PARTIAL)
        public String card = "4242424242424242";
        @Sensitive
        public String note = "call +1 415 555 2671 please";
        @Sensitive(type = PiiType.EMAIL)
        public String notAnEmail = "whatever";
        @Sensitive(type = PiiType.EMAIL, operator = MaskOperator.HASH)
        public String hashed = "john@example.com";
        @Sensitive(type = PiiType.PHONE, operator = MaskOperator.LAST_FOUR)
        public List<String> phones = List.of("+1 415 555 2671", "+44 20 7946 0958");
        @Sensitive
        public String missing = null;
        public String plain = "john@example.com";
        @Sensitive(type = PiiType.CREDIT_CARD, operator = MaskOperator.PARTIAL)
        public long cardNumber = 4111111111111111L;
    }

    @Test
    void sensitiveFields_maskedOnSerialisation() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(PiiJacksonModule.withHashKey(
                Secret.ofUtf8("json-hash-key-0123456789")));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(new Customer()));
        assertThat(json.get("email").asText()).isEqualTo("j***@example.com");
        assertThat(json.get("card").asText()).isEqualTo("************4242");
        assertThat(json.get("note").asText()).isEqualTo("call [PHONE] please");
        assertThat(json.get("notAnEmail").asText()).isEqualTo("[EMAIL]");
        assertThat(json.get("hashed").asText()).matches("\\[EMAIL_[0-9a-f]{16}]");
        assertThat(json.get("phones").get(0).asText()).isEqualTo("+* *** *** 2671");
        assertThat(json.get("missing").isNull()).isTrue();
        assertThat(json.get("plain").asText()).as("unannotated fields untouched").isEqualTo("john@example.com");
        assertThat(json.get("cardNumber").asText()).isEqualTo("************1111");
    }

    @Test
    void hashWithoutKey_failsClosedToRedaction() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(PiiJacksonModule.create());
        JsonNode json = mapper.readTree(mapper.writeValueAsString(new Customer()));
        assertThat(json.get("hashed").asText()).isEqualTo("[EMAIL]");
    }

    @Test
    void maskTree_masksValuesKeepsKeys() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode in = mapper.readTree("{\"john@example.com\":\"x\",\"user\":{\"email\":\"john@example.com\","
                + "\"cards\":[4242424242424242, \"5555 5555 5555 4444\"],\"age\":42,\"ok\":true,\"n\":null}}");
        JsonNode out = JsonMasking.maskTree(in, Masker.ofDefaults());
        assertThat(out.has("john@example.com")).as("keys kept").isTrue();
        assertThat(out.at("/user/email").asText()).isEqualTo("[EMAIL]");
        assertThat(out.at("/user/cards/0").asText()).isEqualTo("[CREDIT_CARD]");
        assertThat(out.at("/user/cards/1").asText()).isEqualTo("[CREDIT_CARD]");
        assertThat(out.at("/user/age").asInt()).isEqualTo(42);
        assertThat(out.at("/user/ok").asBoolean()).isTrue();
        assertThat(in.at("/user/email").asText()).as("input untouched").isEqualTo("john@example.com");
    }
}

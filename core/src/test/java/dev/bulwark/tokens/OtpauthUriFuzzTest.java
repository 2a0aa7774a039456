package dev.bulwark.tokens;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** {@code otpauth://} enrolment URIs are untrusted: parsing throws nothing but {@link TokenException}. */
class OtpauthUriFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void otpauthUri(FuzzedDataProvider data) {
        String uri = data.pickValue(new String[] {"", "otpauth://totp/", "otpauth://totp/ACME:alice?secret="})
                + data.consumeRemainingAsString();
        try {
            OtpauthUri u = OtpauthUri.parse(uri);
            if (u.secret().length() < 16 || u.digits() < 6 || u.digits() > 8 || u.account().isEmpty()) {
                throw new IllegalStateException("accepted outside the documented bounds");
            }
        } catch (TokenException expected) {
            // rejected with a reason: fine
        }
    }
}

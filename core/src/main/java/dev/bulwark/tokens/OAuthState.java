package dev.bulwark.tokens;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.ConstantTime;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * OAuth {@code state} (and OIDC {@code nonce}) for the authorization-code flow: 256-bit random, bound to the
 * browser session that started the flow, expiring (default 10 minutes), single use. Built on a
 * {@link OneTimeTokens} (its store holds the hash of the state, the binding's hash and the nonce).
 * Thread-safe.
 */
public final class OAuthState {

    private static final String PURPOSE = "oauth_state";

    private final OneTimeTokens tokens;
    private final Duration ttl;

    private OAuthState(OneTimeTokens tokens, Duration ttl) {
        this.tokens = tokens;
        this.ttl = ttl;
    }

    /**
     * @param tokens the one-time token component whose store keeps states
     * @param ttl how long a state lives, 1 to 60 minutes
     * @return the component
     */
    public static OAuthState of(OneTimeTokens tokens, Duration ttl) {
        ConfigurationException.requireSet(tokens, "oneTimeTokens");
        ConfigurationException.check(ttl != null && ttl.compareTo(Duration.ofMinutes(1)) >= 0
                && ttl.compareTo(Duration.ofMinutes(60)) <= 0, "state ttl must be between 1 and 60 min, was " + ttl);
        return new OAuthState(tokens, ttl);
    }

    /**
     * A started flow.
     *
     * @param state the {@code state} parameter
     * @param nonce the OIDC {@code nonce} parameter
     */
    public record Started(String state, String nonce) {
        /** {@return nothing secret} */
        @Override
        public String toString() {
            return "OAuthState.Started[***]";
        }
    }

    /**
     * Starts a flow for a browser session.
     *
     * @param browserBinding a value only that browser has (its session cookie's id)
     * @return state and nonce to send to the authorization server
     */
    public Started start(String browserBinding) {
        requireBinding(browserBinding);
        String nonce = RandomTokens.token();
        OneTimeTokens.Issued i = tokens.issue(PURPOSE, Hashes.sha256B64(browserBinding), nonce, ttl);
        return new Started(i.token(), nonce);
    }

    /**
     * Completes a flow: consumes the state and checks it was started by this browser.
     *
     * @param state the {@code state} returned by the authorization server
     * @param browserBinding the same browser value given to {@link #start}
     * @return the nonce to compare with the ID token's {@code nonce}
     * @throws TokenException {@code STATE_INVALID} when unknown, used, expired or bound to another browser
     */
    public String complete(String state, String browserBinding) {
        requireBinding(browserBinding);
        dev.bulwark.tokens.spi.OneTimeTokenRecord r;
        try {
            r = tokens.take(state, PURPOSE);
        } catch (TokenException e) {
            throw new TokenException(TokenReason.STATE_INVALID, "OAuth state is unknown, used or expired", e);
        }
        if (!ConstantTime.equals(r.subject().getBytes(StandardCharsets.US_ASCII),
                Hashes.sha256B64(browserBinding).getBytes(StandardCharsets.US_ASCII))) {
            throw new TokenException(TokenReason.STATE_INVALID, "OAuth state belongs to another browser session");
        }
        return r.data();
    }

    private static void requireBinding(String b) {
        if (b == null || b.isEmpty()) {
            throw new IllegalArgumentException("browser binding must be set");
        }
    }
}

package dev.bulwark.ratelimit;

import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The login brute-force profile: three {@link PenaltyBox}es, so that an attacker cannot lock a victim out
 * cheaply while still being stopped.
 *
 * <ul>
 * <li><b>per IP</b> (any account): blocks an address that fails too often (defaults: warn 5, restrict 10,
 *     block 20 in 15 min; lockout 1 min doubling to 1 h). Stops password spraying from one address.</li>
 * <li><b>per account and IP</b>: blocks one address guessing one account (warn 3, restrict 5, block 10).</li>
 * <li><b>per account</b> (any address): <em>never blocks</em>; from 5 failures the account is WARN and from
 *     10 RESTRICT, which tells the host to add friction for that account (CAPTCHA, step-up MFA, delay) for
 *     everyone, victim included.</li>
 * </ul>
 * <p><b>Trade-off.</b> Locking the account itself (for all addresses) would let anyone lock out any user
 * with a handful of wrong passwords; never restricting it would let a botnet of many addresses guess one
 * account slowly. This profile blocks per address and only adds friction per account: a distributed attacker
 * meets the CAPTCHA/MFA wall, the victim can still log in by passing it, and a successful login clears the
 * account-and-IP record (not the IP's or the account's, which decay on their own).
 *
 * <p>Thread-safe.
 */
public final class LoginThrottle {

    /**
     * The verdict before checking a password.
     *
     * @param blocked refuse the attempt (429) without checking the password
     * @param restricted demand extra proof (CAPTCHA, MFA) or slow down before checking
     * @param retryAfter when {@code blocked}: how long the lockout lasts
     */
    public record Verdict(boolean blocked, boolean restricted, Duration retryAfter) {
    }

    private final PenaltyBox perIp;
    private final PenaltyBox perAccountIp;
    private final PenaltyBox perAccount;

    private LoginThrottle(PenaltyBox perIp, PenaltyBox perAccountIp, PenaltyBox perAccount) {
        this.perIp = perIp;
        this.perAccountIp = perAccountIp;
        this.perAccount = perAccount;
    }

    /**
     * The profile with the defaults above.
     *
     * @param clock the clock
     * @param audit receives every state change
     * @return the throttle
     * @throws ConfigurationException when an argument is missing
     */
    public static LoginThrottle defaults(Clock clock, AuditSink audit) {
        ConfigurationException.requireSet(clock, "clock");
        ConfigurationException.requireSet(audit, "audit");
        return new LoginThrottle(
                PenaltyBox.builder().clock(clock).audit(audit).name("login-ip").thresholds(5, 10, 20).build(),
                PenaltyBox.builder().clock(clock).audit(audit).name("login-account-ip").thresholds(3, 5, 10).build(),
                PenaltyBox.builder().clock(clock).audit(audit).name("login-account")
                        .thresholds(5, 10, Integer.MAX_VALUE).build());
    }

    /**
     * @param perIp the per-address box
     * @param perAccountIp the per-account-and-address box
     * @param perAccount the per-account box; configure it with {@code block = Integer.MAX_VALUE} to keep the
     *        "never lock out the victim" property
     * @return the throttle
     */
    public static LoginThrottle of(PenaltyBox perIp, PenaltyBox perAccountIp, PenaltyBox perAccount) {
        return new LoginThrottle(Objects.requireNonNull(perIp), Objects.requireNonNull(perAccountIp),
                Objects.requireNonNull(perAccount));
    }

    /**
     * The verdict for an attempt, before the password is checked.
     *
     * @param account the account identifier (e.g. the normalised email)
     * @param ip the client address
     * @return the verdict
     * @throws RateLimitException with {@link RateLimitReason#INVALID_KEY} for an empty account or address
     */
    public Verdict check(String account, String ip) {
        PenaltyStatus byIp = perIp.status(RateLimitException.requireKey(ip));
        PenaltyStatus pair = perAccountIp.status(pairKey(RateLimitException.requireKey(account), ip));
        PenaltyStatus byAccount = perAccount.status(account);
        if (byIp.blocked() || pair.blocked()) {
            Duration wait = byIp.retryAfter().compareTo(pair.retryAfter()) >= 0 ? byIp.retryAfter() : pair.retryAfter();
            return new Verdict(true, true, wait);
        }
        boolean restricted = byIp.state() == PenaltyState.RESTRICT || pair.state() == PenaltyState.RESTRICT
                || byAccount.state() == PenaltyState.RESTRICT;
        return new Verdict(false, restricted, Duration.ZERO);
    }

    /**
     * Records a failed attempt.
     *
     * @param account the account
     * @param ip the address
     * @return the verdict for the next attempt
     */
    public Verdict onFailure(String account, String ip) {
        perIp.recordViolation(RateLimitException.requireKey(ip));
        perAccountIp.recordViolation(pairKey(RateLimitException.requireKey(account), ip));
        perAccount.recordViolation(account);
        return check(account, ip);
    }

    /**
     * Records a successful login: clears the account-and-address record.
     *
     * @param account the account
     * @param ip the address
     */
    public void onSuccess(String account, String ip) {
        perAccountIp.reset(pairKey(RateLimitException.requireKey(account), RateLimitException.requireKey(ip)));
    }

    private static String pairKey(String account, String ip) {
        return account.length() + ":" + account + "|" + ip;
    }
}

package dev.bulwark.core;

/**
 * A backing store (Redis, PostgreSQL, ...) could not be reached, or did not answer within its configured
 * timeout. The operation that needed it <strong>failed closed</strong>: a token or session that could not be
 * checked is not accepted, a key that could not be stored was not issued.
 *
 * <p>The message names the store and the operation (for example {@code "postgresql: audit insert"}) and, for
 * SQL stores, the SQLSTATE; it never contains statement parameters, keys or tokens. The reason is always
 * {@link CoreReason#STORE_UNAVAILABLE}. Recovery needs no restart: the next operation tries the store again.
 */
public class StoreUnavailableException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param store the store's kind, e.g. {@code "postgresql"} or {@code "redis"}
     * @param operation what was attempted, e.g. {@code "session lookup"}; no secret values
     * @param cause the driver's exception, or {@code null}
     */
    public StoreUnavailableException(String store, String operation, Throwable cause) {
        super(CoreReason.STORE_UNAVAILABLE, store + ": " + operation + " failed: store unavailable or timed out", cause);
    }
}

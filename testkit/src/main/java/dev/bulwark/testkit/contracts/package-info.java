/**
 * Contract test suites for every Bulwark SPI. An implementation's test class extends the matching
 * {@code ...Contract} and supplies a fresh store; the suite checks the behaviour Bulwark relies on, identically
 * for the in-memory, Redis and PostgreSQL implementations and for a host's own.
 *
 * <p>The suites use random ids, so one store may serve every test of a class (a database schema, a Redis
 * server) without cleaning up between tests.
 */
package dev.bulwark.testkit.contracts;

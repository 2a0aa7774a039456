package dev.bulwark.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script read from the class path, with the SHA-1 that {@code EVALSHA} names it by. */
public final class LuaScript {

    private final String source;
    private final String sha1;

    private LuaScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /**
     * @param resource a class-path resource, e.g. {@code dev/bulwark/redis/token_bucket.lua}
     * @return the script
     * @throws UncheckedIOException when the resource is missing (a broken jar)
     */
    public static LuaScript load(String resource) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing script " + resource));
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param source a short script given inline
     * @return the script
     */
    public static LuaScript of(String source) {
        return new LuaScript(source);
    }

    /** {@return the Lua source} */
    public String source() {
        return source;
    }

    /** {@return the lower-case hex SHA-1 of the source} */
    public String sha1() {
        return sha1;
    }
}

package dev.bulwark.jdbc.internal;

import dev.bulwark.core.ConfigurationException;
import java.util.regex.Pattern;

/** Validates SQL identifiers that Bulwark splices into statements (table, column and role names). */
public final class SqlNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_ ]{0,30}");

    private SqlNames() {
    }

    /**
     * @param what the setting's name, for the error message
     * @param name a table name, optionally schema-qualified ({@code schema.table})
     * @return the name, unchanged
     * @throws ConfigurationException when a part is not a lower-case unquoted identifier
     */
    public static String qualified(String what, String name) {
        if (name == null) {
            throw new ConfigurationException(what + " is required");
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw new ConfigurationException(what + " must be 'table' or 'schema.table'");
        }
        for (String part : parts) {
            identifier(what, part);
        }
        return name;
    }

    /**
     * @param what the setting's name, for the error message
     * @param name an identifier
     * @return the name, unchanged
     * @throws ConfigurationException when it is not a lower-case unquoted identifier of at most 63 characters
     */
    public static String identifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new ConfigurationException(what + " must match [a-z_][a-z0-9_]{0,62}");
        }
        return name;
    }

    /**
     * @param what the setting's name
     * @param type a PostgreSQL type name such as {@code text}, {@code uuid} or {@code bigint}
     * @return the type, unchanged
     */
    public static String type(String what, String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new ConfigurationException(what + " must be a plain type name such as text, uuid or bigint");
        }
        return type;
    }
}

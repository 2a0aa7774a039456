package dev.bulwark.pii.jackson;

import dev.bulwark.pii.MaskOperator;
import dev.bulwark.pii.PiiType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property whose value is masked when serialised by an {@code ObjectMapper} with
 * {@link PiiJacksonModule} registered.
 *
 * <p>With a {@link #type()}, the whole value is treated as that type and masked with {@link #operator()}
 * ({@code @Sensitive(type = EMAIL, operator = PARTIAL)} writes {@code j***@example.com}) whether or not it
 * looks like one: a property declared sensitive is never written in clear. Without a type, the value is
 * scanned and only what the detector finds is masked. Strings, numbers and other scalars are written as
 * masked strings; collections and arrays as arrays of masked strings; {@code null} stays {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Sensitive {

    /** {@return the type of the whole value (first element used); empty to scan the value instead} */
    PiiType[] type() default {};

    /** {@return the operator (default {@link MaskOperator#REDACT}); {@code HASH} needs a module key} */
    MaskOperator operator() default MaskOperator.REDACT;
}

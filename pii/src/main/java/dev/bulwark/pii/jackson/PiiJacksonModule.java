package dev.bulwark.pii.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.pii.MaskOperator;
import dev.bulwark.pii.Masker;
import dev.bulwark.pii.MaskingOperator;
import dev.bulwark.pii.MaskingOperators;
import dev.bulwark.pii.PiiDetector;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A Jackson module that masks properties annotated with {@link Sensitive} on serialisation.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(PiiJacksonModule.create());
 * }</pre>
 *
 * <p>The {@link MaskOperator#HASH} operator needs a key ({@link #withHashKey(Secret)}); without one it fails
 * closed and redacts. Thread-safe once registered.
 */
public final class PiiJacksonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    private final transient Map<MaskOperator, Masker> maskers;

    private PiiJacksonModule(PiiDetector detector, Secret hashKey) {
        super("bulwark-pii");
        Map<MaskOperator, Masker> m = new EnumMap<>(MaskOperator.class);
        for (MaskOperator op : MaskOperator.values()) {
            MaskingOperator operator = op == MaskOperator.HASH && hashKey == null
                    ? MaskingOperators.redact() : MaskingOperators.of(op, hashKey);
            m.put(op, Masker.builder().detector(detector).operator(operator).build());
        }
        this.maskers = m;
        setSerializerModifier(new Modifier(m));
    }

    /** {@return a module with the default detector and no hash key} */
    public static PiiJacksonModule create() {
        return new PiiJacksonModule(PiiDetector.ofDefaults(), null);
    }

    /**
     * @param hashKey the HMAC key for {@link MaskOperator#HASH}, at least 16 bytes
     * @return a module with the default detector and that key
     * @throws ConfigurationException when the key is missing or short
     */
    public static PiiJacksonModule withHashKey(Secret hashKey) {
        ConfigurationException.requireSet(hashKey, "hashKey");
        return new PiiJacksonModule(PiiDetector.ofDefaults(), hashKey);
    }

    /**
     * @param detector the detector for properties without a declared type
     * @param hashKey the HMAC key for {@code HASH}, or {@code null} (then {@code HASH} redacts)
     * @return the module
     */
    public static PiiJacksonModule of(PiiDetector detector, Secret hashKey) {
        ConfigurationException.requireSet(detector, "detector");
        return new PiiJacksonModule(detector, hashKey);
    }

    /**
     * @param operator an operator
     * @return the masker this module uses for it
     */
    public Masker masker(MaskOperator operator) {
        return maskers.get(operator);
    }

    private static final class Modifier extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;
        private final transient Map<MaskOperator, Masker> maskers;

        Modifier(Map<MaskOperator, Masker> maskers) {
            this.maskers = maskers;
        }

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription desc,
                List<BeanPropertyWriter> props) {
            List<BeanPropertyWriter> out = new ArrayList<>(props.size());
            for (BeanPropertyWriter w : props) {
                Sensitive s = w.getAnnotation(Sensitive.class);
                out.add(s == null ? w : new SensitiveWriter(w, s, maskers.get(s.operator())));
            }
            return out;
        }
    }

    private static final class SensitiveWriter extends BeanPropertyWriter {
        private static final long serialVersionUID = 1L;
        private final transient Sensitive sensitive;
        private final transient Masker masker;

        SensitiveWriter(BeanPropertyWriter base, Sensitive sensitive, Masker masker) {
            super(base);
            this.sensitive = sensitive;
            this.masker = masker;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            Object value = get(bean);
            if (value == null) {
                super.serializeAsField(bean, gen, prov);
                return;
            }
            gen.writeFieldName(_name);
            if (value instanceof Iterable<?> it) {
                gen.writeStartArray();
                for (Object o : it) {
                    writeOne(gen, o);
                }
                gen.writeEndArray();
            } else if (value.getClass().isArray()) {
                gen.writeStartArray();
                for (int i = 0; i < Array.getLength(value); i++) {
                    writeOne(gen, Array.get(value, i));
                }
                gen.writeEndArray();
            } else {
                writeOne(gen, value);
            }
        }

        private void writeOne(JsonGenerator gen, Object o) throws java.io.IOException {
            if (o == null) {
                gen.writeNull();
                return;
            }
            String s = o.toString();
            String masked;
            try {
                masked = sensitive.type().length > 0 ? masker.maskValue(sensitive.type()[0], s) : masker.mask(s);
            } catch (RuntimeException e) {
                masked = sensitive.type().length > 0 ? "[" + sensitive.type()[0].name() + "]" : "[REDACTED]";
            }
            gen.writeString(masked);
        }
    }
}

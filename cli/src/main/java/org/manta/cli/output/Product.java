package org.manta.cli.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished analysis product, independent of the output format: its {@link ProductKind}, named fields in
 * the order they should be written, and a {@link Provenance} block. Field names follow docs/cli.md and the
 * Stingray reference files ({@code freq}, {@code power}, {@code power_err}, {@code m}, {@code n}, {@code df},
 * {@code dt}, {@code nphots}, {@code norm}, {@code gti}, {@code time_lag}, {@code dyn_ps}, ...).
 *
 * <p>Build one with {@link #builder(ProductKind)}:
 * <pre>{@code
 * Product p = Product.builder(ProductKind.POWER_SPECTRUM)
 *         .array("freq", freq).array("power", power).array("power_err", err)
 *         .integer("m", 16).integer("n", 8192).real("df", 1.0 / 64).real("dt", 1.0 / 128)
 *         .real("nphots", 1000).text("norm", "leahy").gti("gti", gtiList.toArray())
 *         .provenance(Provenance.of(commandLine, inputs))
 *         .build();
 * }</pre>
 */
public final class Product {
    private final ProductKind kind;
    private final Map<String, Field> fields;
    private final Provenance provenance;

    private Product(ProductKind kind, Map<String, Field> fields, Provenance provenance) {
        this.kind = kind;
        this.fields = Collections.unmodifiableMap(fields);
        this.provenance = provenance;
    }

    public static Builder builder(ProductKind kind) {
        return new Builder(kind);
    }

    public ProductKind kind() {
        return kind;
    }

    /** All fields in write order (an unmodifiable, insertion-ordered map). */
    public Map<String, Field> fields() {
        return fields;
    }

    public Provenance provenance() {
        return provenance;
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** A copy of this product with one more field, written last (e.g. how a command post-processed it). */
    public Product with(String name, Field field) {
        Builder b = new Builder(kind);
        fields.forEach(b::field);
        return b.field(name, field).provenance(provenance).build();
    }

    /** The 1-D real array {@code name}; an {@link IllegalArgumentException} naming it if absent or not an array. */
    public double[] array(String name) {
        return require(name, Field.RealArray.class).values();
    }

    /** The 1-D real array {@code name}, if present. */
    public Optional<double[]> optionalArray(String name) {
        return fields.get(name) instanceof Field.RealArray a ? Optional.of(a.values()) : Optional.empty();
    }

    /** The numeric scalar {@code name} (real or integer) as a double. */
    public double number(String name) {
        Field f = fields.get(name);
        if (f instanceof Field.Real r) {
            return r.value();
        }
        if (f instanceof Field.Int i) {
            return i.value();
        }
        throw new IllegalArgumentException(kind.label() + " has no numeric field '" + name + "'");
    }

    /**
     * The text scalar {@code name}, if present; a yes/no field reads as {@code true} or {@code false}, the text
     * products of earlier versions held.
     */
    public Optional<String> text(String name) {
        return switch (fields.get(name)) {
            case Field.Text t -> Optional.of(t.value());
            case Field.Bool b -> Optional.of(Boolean.toString(b.value()));
            case null, default -> Optional.empty();
        };
    }

    /**
     * The yes/no scalar {@code name}, if present; also the text {@code true}, {@code yes}, {@code false} or
     * {@code no} that products of earlier versions wrote instead.
     */
    public Optional<Boolean> flag(String name) {
        return switch (fields.get(name)) {
            case Field.Bool b -> Optional.of(b.value());
            case Field.Text t when t.value().equals("true") || t.value().equals("yes") -> Optional.of(true);
            case Field.Text t when t.value().equals("false") || t.value().equals("no") -> Optional.of(false);
            case null, default -> Optional.empty();
        };
    }

    /** A builder holding this product's kind, fields and provenance, to add fields to. */
    public Builder rebuild() {
        Builder b = new Builder(kind);
        b.fields.putAll(fields);
        return b.provenance(provenance);
    }

    public Field.Matrix matrix(String name) {
        return require(name, Field.Matrix.class);
    }

    private <T extends Field> T require(String name, Class<T> type) {
        Field f = fields.get(name);
        if (!type.isInstance(f)) {
            throw new IllegalArgumentException(kind.label() + " has no " + type.getSimpleName() + " field '" + name
                    + "'" + (f == null ? "" : " (it is a " + f.getClass().getSimpleName() + ")"));
        }
        return type.cast(f);
    }

    /** Collects fields in order; a repeated name is an error (it would be ambiguous in every format). */
    public static final class Builder {
        private final ProductKind kind;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private Provenance provenance;

        private Builder(ProductKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public Builder real(String name, double value) {
            return put(name, new Field.Real(value));
        }

        public Builder integer(String name, long value) {
            return put(name, new Field.Int(value));
        }

        public Builder flag(String name, boolean value) {
            return put(name, new Field.Bool(value));
        }

        public Builder text(String name, String value) {
            return put(name, new Field.Text(value));
        }

        public Builder array(String name, double[] values) {
            return put(name, new Field.RealArray(values));
        }

        public Builder complex(String name, double[] re, double[] im) {
            return put(name, new Field.ComplexArray(re, im));
        }

        public Builder matrix(String name, double[][] rows) {
            return put(name, new Field.Matrix(rows));
        }

        public Builder gti(String name, double[][] intervals) {
            return put(name, new Field.GtiTable(intervals));
        }

        public Builder field(String name, Field field) {
            return put(name, Objects.requireNonNull(field, "field"));
        }

        public Builder provenance(Provenance provenance) {
            this.provenance = provenance;
            return this;
        }

        private Builder put(String name, Field field) {
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("field name '" + name + "': expected lower_snake_case");
            }
            if (name.equals("product") || name.equals("provenance")) {
                throw new IllegalArgumentException("field name '" + name + "' is reserved");
            }
            if (fields.putIfAbsent(name, field) != null) {
                throw new IllegalArgumentException("field '" + name + "' given twice");
            }
            return this;
        }

        /** The product; provenance is required (every product carries one). */
        public Product build() {
            if (provenance == null) {
                throw new IllegalStateException(kind.label() + ": provenance not set");
            }
            return new Product(kind, new LinkedHashMap<>(fields), provenance);
        }
    }
}

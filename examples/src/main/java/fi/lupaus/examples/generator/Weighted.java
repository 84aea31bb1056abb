package fi.lupaus.examples.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A fixed set of values, each drawn with the share its weight gives it. */
final class Weighted<T> {

    private final List<T> values;
    private final double[] cumulative;

    private Weighted(List<T> values, double[] cumulative) {
        this.values = values;
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Takes exactly one draw from {@code random}, so sequences stay reproducible. */
    T pick(Random random) {
        return pick(random.nextDouble());
    }

    /** The value at {@code unit}, a number in [0, 1). */
    T pick(double unit) {
        double x = unit * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    static final class Builder<T> {

        private final List<T> values = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T value, double weight) {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + value + " " + weight);
            }
            values.add(value);
            weights.add(weight);
            return this;
        }

        Weighted<T> build() {
            double[] cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new Weighted<>(List.copyOf(values), cumulative);
        }
    }
}

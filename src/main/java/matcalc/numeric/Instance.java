package matcalc.numeric;

import java.util.HashMap;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;

/**
 * A point to evaluate at: values of the symbolic dimensions and of the variables (by name).
 * Scalars are 1 x 1 matrices. The matrices are shared, never modified: {@link #with} replaces one.
 */
public record Instance(Map<String, Integer> sizes, Map<String, RealMatrix> values) {
    public Instance {
        sizes = Map.copyOf(sizes);
        values = Map.copyOf(values);
    }

    /** The same instance with one variable set to another value. */
    public Instance with(String name, RealMatrix value) {
        Map<String, RealMatrix> v = new HashMap<>(values);
        v.put(name, value);
        return new Instance(sizes, v);
    }

    public RealMatrix value(String name) {
        RealMatrix m = values.get(name);
        if (m == null) throw new IllegalArgumentException("no value for variable " + name);
        return m;
    }
}

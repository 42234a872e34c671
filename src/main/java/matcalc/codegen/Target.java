package matcalc.codegen;

/** The library the generated module is written for. */
public enum Target {
    NUMPY, TORCH;

    /** The target a user's word names (numpy/np, torch/pytorch), or null. */
    public static Target byName(String word) {
        switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "numpy": case "np": return NUMPY;
            case "torch": case "pytorch": return TORCH;
            default: return null;
        }
    }

    /** A fresh spelling (it records the helpers one module uses). */
    Spelling spelling() { return this == NUMPY ? new NumpySpelling() : new TorchSpelling(); }
}

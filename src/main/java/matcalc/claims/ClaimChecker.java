package matcalc.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.numeric.Arrangement;
import matcalc.numeric.NumericCheck;
import matcalc.engine.Engine;
import matcalc.expr.Rational;
import matcalc.render.TextRenderer;

/**
 * Checks a claim {@code lhs = rhs}: numerically at random instances, exactly at small sizes, and
 * for a false claim finds a counterexample and the structure under which it would hold.
 * <p>
 * The numeric check evaluates matcalc's own derivatives; those are cross-checked against finite
 * differences, and the exact check differentiates the functions as written, so a wrong derivative
 * in matcalc cannot make a false claim pass.
 */
public final class ClaimChecker {

    /**
     * @param exact            run the exact check on claims that hold numerically
     * @param conditions       search structure under which a false claim holds
     * @param exactBudget       work for the exact check of one claim (all sizes), in polynomial products
     */
    public record Options(NumericVerdict.Options numeric, List<Integer> exactSizes, long exactBudget,
                          boolean exact, boolean conditions) {
        public static Options defaults() {
            return new Options(NumericVerdict.Options.defaults(), ExactProof.DEFAULT_SIZES, ExactProof.DEFAULT_BUDGET, true, true);
        }
        public Options withSeed(long seed) { return new Options(numeric.withSeed(seed), exactSizes, exactBudget, exact, conditions); }
        public Options withExact(boolean on) { return new Options(numeric, exactSizes, exactBudget, on, conditions); }
        public Options withBudget(long work) { return new Options(numeric, exactSizes, work, exact, conditions); }
    }

    private ClaimChecker() {}

    public static CheckResult check(String text, String where, Layout layout) {
        return check(text, where, null, layout, Options.defaults());
    }

    public static CheckResult check(String text, String where, String label, Layout layout, Options o) {
        long t0 = System.nanoTime();
        Claim claim;
        try {
            claim = ClaimParser.parse(text, where, layout);
        } catch (MatcalcError e) {
            return new CheckResult(text, where, label, CheckResult.Verdict.ERROR, null, null, o.numeric().relTol(), null,
                    List.of(), null, List.of(), List.of(), e.format(), ms(t0));
        }
        return new Run(claim, label, o, t0).run();
    }

    /** A claim already parsed (so that the caller sees a malformed claim's error itself). */
    public static CheckResult check(Claim claim, String label, Options o) {
        return new Run(claim, label, o, System.nanoTime()).run();
    }

    private static long ms(long t0) { return (System.nanoTime() - t0) / 1_000_000; }

    private static final class Run {
        final Claim claim;
        final String label;
        final Options o;
        final long t0;
        final List<String> diagnosis = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        NumericVerdict.Result numeric;
        ExactProof.Result exact;
        Counterexample.Found counterexample;
        List<ConditionSearch.Condition> conditions = List.of();

        Run(Claim claim, String label, Options o, long t0) {
            this.claim = claim;
            this.label = label;
            this.o = o;
            this.t0 = t0;
        }

        CheckResult result(CheckResult.Verdict v) {
            return new CheckResult(claim.text(), claim.where(), label, v, claim, numeric, o.numeric().relTol(), exact,
                    diagnosis, counterexample, conditions, warnings, null, ms(t0));
        }

        CheckResult run() {
            if (!claim.shapesAgree()) return shapeMismatch();
            if (!claim.expanded()) {
                warnings.add("matcalc could not differentiate (" + claim.expansionError() + "); the numeric check uses finite differences");
                return byDifferences();
            }
            numeric = NumericVerdict.compare(claim.lhsValue(), claim.rhsValue(), o.numeric());
            if (numeric.inconclusive()) return byExactOnly();
            boolean derivativesOk = validateDerivatives();
            if (numeric.passed()) {
                if (o.exact()) exact = ExactProof.prove(claim, o.exactSizes(), o.exactBudget());
                if (exact != null && exact.status() == ExactProof.Status.DISPROVED) {
                    diagnosis.add("the exact check finds the sides differ at size " + exact.failedSize()
                            + (derivativesOk ? " although they agree numerically (please report this claim)" : ""));
                    return result(CheckResult.Verdict.FAIL);
                }
                return result(CheckResult.Verdict.PASS);
            }
            if (!derivativesOk) {
                // matcalc's derivative is wrong: only the independent exact check can judge the claim.
                exact = ExactProof.prove(claim, o.exactSizes(), o.exactBudget());
                if (exact.status() == ExactProof.Status.PROVED || exact.status() == ExactProof.Status.PARTIAL) {
                    return result(CheckResult.Verdict.PASS);
                }
            }
            diagnose();
            return result(CheckResult.Verdict.FAIL);
        }

        /** matcalc cannot differentiate: finite differences for the numeric check, and the exact check. */
        private CheckResult byDifferences() {
            numeric = NumericVerdict.compareByFiniteDifferences(claim, o.numeric());
            if (numeric.inconclusive() || numeric.passed()) return byExactOnly();
            if (numeric.transposed()) diagnosis.add(transposeNote());
            counterexample = Counterexample.search(claim.lhs(), claim.rhs(), o.numeric().relTol(), o.numeric().seed(),
                    numeric.worst(), claim.derivatives(), claim.layout());
            return result(CheckResult.Verdict.FAIL);
        }

        private CheckResult byExactOnly() {
            exact = ExactProof.prove(claim, o.exactSizes(), o.exactBudget());
            switch (exact.status()) {
                case PROVED: case PARTIAL: return result(CheckResult.Verdict.PASS);
                case DISPROVED:
                    diagnosis.add("the sides differ identically at size " + exact.failedSize());
                    return result(CheckResult.Verdict.FAIL);
                default:
                    if (numeric != null && numeric.passed()) return result(CheckResult.Verdict.PASS);
                    if (numeric != null && numeric.inconclusive()) warnings.add("no random instance was usable: " + numeric.note());
                    return result(CheckResult.Verdict.UNDECIDED);
            }
        }

        private CheckResult shapeMismatch() {
            diagnosis.add("shapes differ: left side is " + CheckResult.shape(claim.lhs().shape()) + ", right side is "
                    + CheckResult.shape(claim.rhs().shape()));
            if (claim.expanded() && claim.lhs().shape().equals(claim.rhs().shape().transpose())) {
                numeric = NumericVerdict.compare(claim.lhsValue(), claim.rhsValue(), o.numeric());
                if (numeric.transposed()) diagnosis.add(transposeNote());
            }
            return result(CheckResult.Verdict.FAIL);
        }

        private String transposeNote() {
            boolean vectorDerivative = claim.derivatives().stream().anyMatch(d -> d.function().isScalar() && d.variable().shape().isColumn());
            return "sides differ by a transpose" + (vectorDerivative
                    ? " (the usual layout mix-up: grad(f, x) is a column, diff(f, x) a row in numerator layout)"
                    : " (the usual layout mix-up, or a missing ^T)");
        }

        private void diagnose() {
            if (numeric.transposed()) diagnosis.add(transposeNote());
            Rational c = numeric.factor();
            if (c != null) {
                if (c.equals(Rational.MINUS_ONE)) diagnosis.add("sides differ by a sign: left side = -(right side)");
                else diagnosis.add("left side = " + c + " × right side");
            }
            counterexample = Counterexample.search(claim.lhsValue(), claim.rhsValue(), o.numeric().relTol(), o.numeric().seed(), numeric.worst());
            // A condition's exact proof gets a share of the budget: it is extra to the verdict.
            if (o.conditions()) conditions = ConditionSearch.search(claim, o.numeric(), o.exactBudget() * 3 / 8);
        }

        /** matcalc's derivatives against finite differences; false when one is wrong. */
        private boolean validateDerivatives() {
            boolean ok = true;
            for (DerivativeCall d : claim.derivatives()) {
                Arrangement arr;
                switch (d.kind()) {
                    case GRAD: arr = Arrangement.GRADIENT; break;
                    case JACOBIAN: arr = Arrangement.JACOBIAN; break;
                    case DIFF: arr = Engine.arrangement(d.form()); break;
                    default: continue; // Hessians: second differences are too noisy; the exact check covers them
                }
                NumericCheck.Result r;
                try {
                    r = NumericCheck.check(d.expandedFunction(), d.variable(), d.expansion(), arr,
                            NumericCheck.Options.defaults().withSeed(o.numeric().seed()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!r.passed() && !r.inconclusive()) {
                    ok = false;
                    warnings.add(String.format(Locale.ROOT, "matcalc's %s(%s, %s) = %s disagrees with finite differences (max rel. error %.2g)",
                            d.operator(), TextRenderer.render(d.expandedFunction()), d.variable().name(),
                            TextRenderer.render(d.expansion()), r.maxRelError()));
                }
            }
            return ok;
        }
    }
}

package matcalc.ops;

import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Numeric values of the principal matrix exponential, logarithm and square root of a general real
 * square matrix. The exponential is Hipparchus'; the square root is the Denman–Beavers iteration
 * and the logarithm inverse scaling and squaring (Higham, Functions of Matrices, §6.3 and §11.5),
 * both over Hipparchus' LU inverse. Each is defined (real, principal) only when no eigenvalue
 * lies on the closed negative real axis; elsewhere {@link #inDomain} is false.
 */
final class MatrixFunctions {
    private MatrixFunctions() {}

    static RealMatrix expm(RealMatrix a) { return MatrixUtils.matrixExponential(a); }

    /** Whether every eigenvalue is off (-inf, 0]: where logm and sqrtm have real principal values. */
    static boolean inDomain(RealMatrix a) {
        EigenDecompositionNonSymmetric e = new EigenDecompositionNonSymmetric(a);
        for (var z : e.getEigenvalues()) {
            double scale = Math.max(1, z.norm());
            if (Math.abs(z.getImaginary()) <= 1e-9 * scale && z.getReal() <= 1e-9 * scale) return false;
        }
        return true;
    }

    static RealMatrix sqrtm(RealMatrix a) {
        RealMatrix y = a, z = MatrixUtils.createRealIdentityMatrix(a.getRowDimension());
        for (int k = 0; k < 100; k++) {
            RealMatrix yi = inverse(y), zi = inverse(z);
            RealMatrix y1 = y.add(zi).scalarMultiply(0.5), z1 = z.add(yi).scalarMultiply(0.5);
            double change = y1.subtract(y).getNorm1();
            y = y1;
            z = z1;
            if (change <= 1e-15 * y.getNorm1()) break;
        }
        return y;
    }

    static RealMatrix logm(RealMatrix a) {
        int n = a.getRowDimension(), halvings = 0;
        RealMatrix eye = MatrixUtils.createRealIdentityMatrix(n), x = a;
        while (x.subtract(eye).getNorm1() > 0.25 && halvings < 60) { x = sqrtm(x); halvings++; }
        // log X = 2 artanh(Z), Z = (X - I)(X + I)^{-1}: the odd series 2 (Z + Z^3/3 + Z^5/5 + ...).
        RealMatrix z = x.subtract(eye).multiply(inverse(x.add(eye)));
        RealMatrix z2 = z.multiply(z), term = z, sum = z;
        for (int k = 3; k < 200; k += 2) {
            term = term.multiply(z2);
            RealMatrix add = term.scalarMultiply(1.0 / k);
            sum = sum.add(add);
            if (add.getNorm1() <= 1e-17 * sum.getNorm1()) break;
        }
        return sum.scalarMultiply(2 * Math.pow(2, halvings));
    }

    private static RealMatrix inverse(RealMatrix m) { return new LUDecomposition(m).getSolver().getInverse(); }

    /** f's Fréchet derivative L_f(X, E) as the top-right block of f([[X, E], [0, X]]) (Higham, eq. 3.16). */
    static RealMatrix frechet(java.util.function.UnaryOperator<RealMatrix> f, RealMatrix x, RealMatrix e) {
        int n = x.getRowDimension();
        RealMatrix block = MatrixUtils.createRealMatrix(2 * n, 2 * n);
        block.setSubMatrix(x.getData(), 0, 0);
        block.setSubMatrix(e.getData(), 0, n);
        block.setSubMatrix(x.getData(), n, n);
        return f.apply(block).getSubMatrix(0, n - 1, n, 2 * n - 1);
    }
}

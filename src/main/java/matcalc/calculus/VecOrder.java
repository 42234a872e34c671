package matcalc.calculus;

/** How vec flattens a matrix: stacking columns (Magnus–Neudecker, default) or rows (the seed's). */
public enum VecOrder { COLUMNS, ROWS }

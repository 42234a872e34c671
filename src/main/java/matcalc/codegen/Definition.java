package matcalc.codegen;

import matcalc.expr.Expr;

/** A value the generated function computes under a name of its own: a program's binding or adjoint. */
public record Definition(String matcalcName, Expr expr) {}

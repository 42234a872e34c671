package matcalc.render;

/** Plain words for a LaTeX text context (pdflatex, T1-less): specials escaped, a few math symbols kept. */
public final class LatexText {
    private LatexText() {}

    public static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\': out.append("\\textbackslash{}"); break;
                case '_': case '&': case '%': case '#': case '$': case '{': case '}': out.append('\\').append(c); break;
                case '^': out.append("\\textasciicircum{}"); break;
                case '~': out.append("\\textasciitilde{}"); break;
                case '<': out.append("$<$"); break;
                case '>': out.append("$>$"); break;
                case '|': out.append("$|$"); break;
                case '⊙': out.append("$\\odot$"); break;
                case '⊗': out.append("$\\otimes$"); break;
                case '×': out.append("$\\times$"); break;
                case '—': out.append("\\textemdash{}"); break;
                case '–': out.append("\\textendash{}"); break;
                case '−': out.append("-"); break;
                case 'ḡ': out.append("$\\bar{g}$"); break;
                default: out.append(c < 128 ? String.valueOf(c) : "?");
            }
        }
        return out.toString();
    }
}

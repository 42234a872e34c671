package matcalc.shapes;

/** "did you mean ...?" for misspelt function names. */
final class Suggest {
    private Suggest() {}

    static String function(String name) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String f : ShapeInference.FUNCTIONS) {
            int d = distance(name.toLowerCase(), f);
            if (d < bestD) { bestD = d; best = f; }
        }
        return best != null && bestD <= Math.max(1, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}

package fi.lupaus.engine.fact;

/** The measure a score is given on, with its valid range. */
public enum Survey {
    /** Net Promoter Score: "How likely are you to recommend us?" 0–10. */
    NPS(0, 10),
    /** Customer satisfaction rating 1–5. */
    CSAT(1, 5);

    private final int min;
    private final int max;

    Survey(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean accepts(int score) {
        return score >= min && score <= max;
    }
}

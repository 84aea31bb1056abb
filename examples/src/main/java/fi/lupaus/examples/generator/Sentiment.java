package fi.lupaus.examples.generator;

/** How an answer leans, read from its score: drives complaints and the tone of comments. */
enum Sentiment {
    POSITIVE, NEUTRAL, NEGATIVE;

    /** NPS: promoters 9–10, passives 7–8, detractors 0–6. CSAT: 4–5, 3, 1–2. */
    static Sentiment of(String survey, int score) {
        if (survey.equals("NPS")) {
            return score >= 9 ? POSITIVE : score >= 7 ? NEUTRAL : NEGATIVE;
        }
        return score >= 4 ? POSITIVE : score == 3 ? NEUTRAL : NEGATIVE;
    }
}

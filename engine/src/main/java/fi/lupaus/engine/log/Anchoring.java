package fi.lupaus.engine.log;

import java.util.List;

/**
 * Whether the chain's head is anchored: signed with the chain key (HMAC checkpoints), which the
 * database does not hold, so that records rewritten with their hashes and links recomputed are
 * found.
 *
 * @param keyed       whether the log has the chain key; without it nothing is anchored
 * @param head        the last record's place in the chain (0: an empty log)
 * @param headLink    the last record's link
 * @param anchoredSeq the last place whose checkpoint holds (0: none)
 * @param broken      each checkpoint that does not hold, and why
 */
public record Anchoring(boolean keyed, long head, String headLink, long anchoredSeq, List<Mismatch> broken) {

    public Anchoring {
        broken = List.copyOf(broken);
    }

    public static Anchoring notKeyed() {
        return new Anchoring(false, 0, null, 0, List.of());
    }

    public static Anchoring keyed(long head, String headLink, long anchoredSeq, List<Mismatch> broken) {
        return new Anchoring(true, head, headLink, anchoredSeq, broken);
    }

    /** Whether the last record is signed and every checkpoint holds. */
    public boolean headAnchored() {
        return keyed && broken.isEmpty() && anchoredSeq == head;
    }

    /** One line for a verify report. */
    public String summary() {
        if (!keyed) {
            return "the chain's head is not anchored: LUPAUS_CHAIN_KEY is not set, so a rewrite of the newest "
                    + "records with their hashes recomputed would not be found";
        }
        if (head == 0) {
            return "the log is empty";
        }
        if (headAnchored()) {
            return "the chain's head, record " + head + " (link " + headLink + "), is anchored by a checkpoint "
                    + "signed with LUPAUS_CHAIN_KEY";
        }
        return anchoredSeq == 0
                ? "no checkpoint signed with LUPAUS_CHAIN_KEY holds: the head, record " + head + ", is not anchored"
                : "the chain is anchored up to record " + anchoredSeq + " of " + head;
    }
}

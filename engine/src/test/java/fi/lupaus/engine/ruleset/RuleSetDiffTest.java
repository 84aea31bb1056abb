package fi.lupaus.engine.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.engine.ruleset.RuleSetDiff.FileDiff;
import fi.lupaus.engine.ruleset.RuleSetDiff.Status;

class RuleSetDiffTest {

    @Test
    void eachSourceIsAddedRemovedChangedOrTheSame() {
        List<RuleSource> from = List.of(new RuleSource("a.drl", "rule A\nwithin 48 hours\nend\n"),
                new RuleSource("b.drl", "same\n"), new RuleSource("gone.drl", "old\n"));
        List<RuleSource> to = List.of(new RuleSource("a.drl", "rule A\nwithin 24 hours\nend\n"),
                new RuleSource("b.drl", "same\n"), new RuleSource("new.drl", "fresh\n"));

        RuleSetDiff diff = RuleSetDiff.between(from, to);

        assertThat(diff.files()).extracting(FileDiff::name, FileDiff::status).containsExactly(
                tuple("a.drl", Status.CHANGED),
                tuple("b.drl", Status.SAME),
                tuple("gone.drl", Status.REMOVED),
                tuple("new.drl", Status.ADDED));
        assertThat(diff.files().get(0).diff()).contains("--- a/a.drl", "+++ b/a.drl",
                "-within 48 hours", "+within 24 hours", " rule A");
        assertThat(diff.files().get(1).diff()).isEmpty();
        assertThat(diff.files().get(3).diff()).contains("+fresh");
    }
}

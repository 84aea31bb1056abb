package fi.lupaus.console.api.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.ruleset.RuleSetStore;
import fi.lupaus.console.ruleset.RuleSets;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.guided.PromiseForm;
import fi.lupaus.engine.ruleset.CompileError;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * The rule-set answers, written by the one mapper, as the hand-built JSON wrote them: the same
 * members in the same order, {@code null} where the console reads one, absent where it was left out.
 */
class RuleSetAnswersTest {

    @Test
    void aListedVersionWritesItsMissingCommentBasedOnAndDeployTimeAsNull() {
        RuleSetStore.Version version = new RuleSetStore.Version("3f2a", "user:maija", Instant.parse("2026-11-20T10:15:00Z"),
                null, null);

        String json = Answers.encode(RuleSetAnswers.Versions.of("3f2a",
                List.of(new RuleSets.Listed(version, true, null, List.of("a.drl"), 2)))).toString();

        assertThat(json).isEqualTo("{\"live\":\"3f2a\",\"versions\":[{\"version\":\"3f2a\",\"author\":\"user:maija\","
                + "\"createdAt\":\"2026-11-20T10:15:00Z\",\"comment\":null,\"basedOn\":null,\"live\":true,"
                + "\"deployedAt\":null,\"sources\":[\"a.drl\"],\"scenarios\":2}]}");
    }

    @Test
    void compileErrorsAreTheErrorShapeWithTheirSourceLineAndColumnFirst() {
        String json = Answers.encode(RuleSetAnswers.compileErrors(
                List.of(new CompileError("b.drl", 3, 7, "no such type"), new CompileError(null, 0, 0, "broken")),
                List.of(new RuleSource("a.drl", ""), new RuleSource("b.drl", "")))).toString();

        assertThat(json).isEqualTo("{\"errors\":[{\"source\":\"b.drl\",\"line\":3,\"column\":7,\"message\":\"no such type\","
                + "\"field\":\"sources[1].drl\",\"reason\":\"line 3, column 7: no such type\"},"
                + "{\"source\":null,\"line\":0,\"column\":0,\"message\":\"broken\",\"field\":\"sources\",\"reason\":\"broken\"}]}");
    }

    @Test
    void theGuidedFormWritesChoicesLeftOpenAsNullAndACaseItsOwnerPriorityAndHours() {
        PromiseForm form = new PromiseForm("web-complaint", "Web complaints in 12 hours",
                new PromiseForm.When(PromiseForm.Kind.COMPLAINT, Touchpoint.WEB, null, null, null),
                new PromiseForm.Then(ActionType.OPEN_CASE, "web-shop-team", Priority.HIGH, 12));

        assertThat(Answers.encode(PromiseFormJson.write(form)).toString()).isEqualTo("{\"promise\":\"web-complaint\","
                + "\"title\":\"Web complaints in 12 hours\",\"when\":{\"kind\":\"complaint\",\"touchpoint\":\"WEB\","
                + "\"phase\":null,\"loyaltyTier\":null,\"commentMentions\":null},"
                + "\"then\":{\"action\":\"OPEN_CASE\",\"owner\":\"web-shop-team\",\"priority\":\"HIGH\",\"withinHours\":12}}");
    }

    @Test
    void aFormThatDoesNotOpenACaseWritesOnlyItsAction() {
        PromiseForm form = new PromiseForm("thanks", "Thank promoters",
                new PromiseForm.When(PromiseForm.Kind.PROMOTER, null, null, null, null),
                new PromiseForm.Then(ActionType.THANK, null, null, 0));

        assertThat(Answers.encode(PromiseFormJson.write(form)).toString()).endsWith("\"then\":{\"action\":\"THANK\"}}");
    }
}

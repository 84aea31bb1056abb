package fi.lupaus.engine.casework;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.log.DecisionRecord;

/**
 * What a recorded decision does to cases: opens the case a promise asks for (or adds the answer to
 * the customer's open one), adds answers, reminds, escalates and hands over, marks recoveries, and
 * remembers contacts. Runs in the unit of work that records the decision (through {@link CaseSteps}).
 */
public final class Casework {

    /** Who a decision's step in a case's history is written as. */
    public static final String RULES = "rules";

    // Version 7 UUIDs begin with their time: cases sort by when they were opened.
    private final TimeBasedEpochGenerator caseIds = Generators.timeBasedEpochGenerator();

    /** Applies a newly recorded decision's actions to the cases. */
    public void apply(CaseSteps steps, DecisionRecord record) {
        Instant at = record.decision().decidedAt();
        String decisionId = record.decisionId();
        List<String> touched = new ArrayList<>();
        for (Action action : record.decision().actions()) {
            switch (action.type()) {
                case OPEN_CASE -> touched.add(open(steps, record, action));
                case THANK, AFTERCARE -> steps.contact(record.customerId(),
                        action.scheduledAt() != null ? action.scheduledAt() : at, action.type().name(), decisionId);
                case ADD_TO_CASE -> {
                    if (exists(steps, action.caseId())) {
                        steps.record(action.caseId(), new CaseEvent(at, "answer-added", RULES, answerDetail(record),
                                decisionId));
                        touched.add(action.caseId());
                    }
                }
                default -> {
                }
            }
        }
        for (Action action : record.decision().actions()) {
            switch (action.type()) {
                case REMIND -> stage(steps, action.caseId(), action, at, "reminded",
                        "reminder to " + action.owner() + " (" + action.stage() + ")", decisionId, false);
                case ESCALATE -> {
                    List<String> cases = action.caseId() != null ? List.of(action.caseId()) : touched;
                    for (String caseId : cases) {
                        stage(steps, caseId, action, at, "escalated",
                                "escalated to " + action.owner() + " (" + action.stage() + ")", decisionId, true);
                    }
                }
                case RECOVERED -> {
                    if (exists(steps, action.caseId())) {
                        steps.recovered(action.caseId(), at);
                        steps.record(action.caseId(), new CaseEvent(at, "recovered", RULES,
                                "the customer answered as a promoter after the case was resolved", decisionId));
                    }
                }
                default -> {
                }
            }
        }
    }

    private String open(CaseSteps steps, DecisionRecord record, Action action) {
        Instant at = record.decision().decidedAt();
        Optional<String> alreadyOpen = steps.openCaseOf(record.customerId(), action.promise());
        if (alreadyOpen.isPresent()) {
            // The rules add a second answer to the open case when they see it; two answers decided
            // side by side (in one batch, or at the same moment) did not see each other's case.
            // One open case per customer and promise all the same: the second answer joins the first.
            steps.record(alreadyOpen.get(), new CaseEvent(at, "answer-added", RULES, answerDetail(record)
                    + ", decided beside the answer that opened the case", record.decisionId()));
            return alreadyOpen.get();
        }
        String caseId = caseIds.construct(at.toEpochMilli()).toString();
        Instant receivedAt = record.feedback() != null ? record.feedback().receivedAt() : at;
        steps.open(new CaseFile(caseId, record.customerId(), action.promise(), action.owner(), action.priority(),
                CaseState.OPEN, receivedAt, at, action.dueAt(), null, null, null, Set.of(), null, record.decisionId(),
                List.of()));
        steps.record(caseId, new CaseEvent(at, "opened", RULES, "promise " + action.promise() + " for "
                + action.owner() + ", due " + action.dueAt(), record.decisionId()));
        return caseId;
    }

    private static void stage(CaseSteps steps, String caseId, Action action, Instant at, String kind, String detail,
                              String decisionId, boolean handOver) {
        Optional<CaseFile> found = exists(steps, caseId) ? steps.find(caseId) : Optional.empty();
        if (found.isEmpty()) {
            return;
        }
        Set<String> stages = new TreeSet<>(found.get().stages());
        stages.add(action.stage());
        steps.stages(caseId, stages, handOver ? action.owner() : null, handOver ? Priority.HIGH : null);
        steps.record(caseId, new CaseEvent(at, kind, RULES, detail, decisionId));
    }

    private static boolean exists(CaseSteps steps, String caseId) {
        return CaseFile.isCaseId(caseId) && steps.find(caseId).isPresent();
    }

    private static String answerDetail(DecisionRecord record) {
        return record.feedback() == null ? null : "feedback " + record.feedback().id() + " ("
                + record.feedback().survey() + " " + record.feedback().score() + ")";
    }
}

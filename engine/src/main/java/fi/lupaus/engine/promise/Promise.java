package fi.lupaus.engine.promise;

import java.util.List;

/**
 * A customer promise as the live rule set declares it, with {@code @promise(id = …, text = …,
 * within = …, owner = …)} on the rules that make it.
 *
 * @param id         the promise's id, which its cases carry
 * @param text       the promise in words, or {@code null} when no rule gives it
 * @param within     the deadline it sets, as its rules say it (e.g. {@code 48h})
 * @param owners     who follows its cases up, by the rules that open them
 * @param rules      the rules that make it
 * @param escalation the escalation chain its open cases go up, stage by stage
 */
public record Promise(String id, String text, String within, List<String> owners, List<String> rules,
                      List<Stage> escalation) {

    /** One step of an escalation chain, from {@code @escalation(stage = …, at = …, to = …)}. */
    public record Stage(String stage, String at, String to, String rule) {
    }
}

package fi.lupaus.engine.ruleset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.decision.Priority;

/**
 * Decides a fixed list of facts with each rule set of a file, in a JVM of its own, and prints the
 * decisions one a line: what {@code DeterminismProperties} compares between two runs.
 *
 * <p>Usage: {@code DecideInFreshJvm <rule sets file> <untrusted|trusted>}; rule sets in the file are
 * separated by {@link #SEPARATOR} lines.
 */
public final class DecideInFreshJvm {

    static final String SEPARATOR = "//// next rule set";
    static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    private DecideInFreshJvm() {
    }

    /** The facts every rule set decides: one feedback at a time, with the same customer history. */
    static List<List<Object>> facts() {
        Instant received = NOW.minus(Duration.ofMinutes(5));
        List<Feedback> feedback = List.of(
                new Feedback("f1", "C-1", received, Touchpoint.STORE, Phase.CORE, Survey.NPS, 10, "great service",
                        false, "o-1", LoyaltyTier.GOLD),
                new Feedback("f2", "C-1", received, Touchpoint.APP, Phase.AFTER, Survey.NPS, 2, "late and rude",
                        true, null, LoyaltyTier.GOLD),
                new Feedback("f3", "C-2", received, Touchpoint.WEB, Phase.PRE, Survey.NPS, 7, null, false, null,
                        LoyaltyTier.NONE),
                new Feedback("f4", "C-3", received, Touchpoint.PHONE, Phase.CORE, Survey.CSAT, 1, "rude", true,
                        "o-4", LoyaltyTier.SILVER),
                new Feedback("f5", "C-4", received, Touchpoint.CHAT, Phase.AFTER, Survey.CSAT, 5, "late", false,
                        null, LoyaltyTier.BRONZE),
                new Feedback("f6", "C-5", received, Touchpoint.EMAIL, Phase.CORE, Survey.NPS, 6, "", false, "o-6",
                        LoyaltyTier.SILVER));
        List<Object> history = List.of(
                new PreviousAnswer("p1", received.minus(Duration.ofDays(3)), Survey.NPS, 3, true),
                new PreviousAnswer("p2", received.minus(Duration.ofDays(40)), Survey.NPS, 9, false),
                new CustomerCase("case-1", "p", "team", CaseState.OPEN, received.minus(Duration.ofDays(1)),
                        received.plus(Duration.ofDays(1)), null),
                new LastContact(ActionType.THANK, received.minus(Duration.ofDays(2))),
                new CompanyCalendar("Europe/Helsinki"),
                new CustomerAttribute("crm.tier", "gold"),
                new CaseDue("case-1", "C-1", "p", "team", Priority.HIGH, CaseState.OPEN,
                        received.minus(Duration.ofDays(1)), received.plus(Duration.ofHours(1)), NOW,
                        Set.of("reminder", "team-lead", "cx-manager", "audit", "stage-5", "stage-6")));
        List<List<Object>> facts = new ArrayList<>();
        for (Feedback one : feedback) {
            List<Object> all = new ArrayList<>(history);
            all.add(one);
            facts.add(all);
        }
        return facts;
    }

    /** The decisions of each rule set on each fact list, one a line, in order. */
    static List<String> decide(List<String> ruleSets, boolean trusted) {
        RuleSetCompiler compiler = new RuleSetCompiler();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ruleSets.size(); i++) {
            List<RuleSource> sources = List.of(new RuleSource("test/generated/rules" + i + ".drl", ruleSets.get(i)));
            Compilation compilation = trusted ? compiler.compile(sources) : compiler.compileUntrusted(sources);
            if (!compilation.succeeded()) {
                lines.add("rule set " + i + " refused: " + compilation.errors());
                continue;
            }
            RuleSet ruleSet = compilation.orElseThrow();
            for (List<Object> facts : facts()) {
                lines.add(ruleSet.decide(facts, NOW).toString());
            }
        }
        return lines;
    }

    static List<String> split(String file) {
        List<String> ruleSets = new ArrayList<>();
        for (String part : file.split(SEPARATOR + "\n", -1)) {
            if (!part.isBlank()) {
                ruleSets.add(part);
            }
        }
        return ruleSets;
    }

    public static void main(String[] args) throws IOException {
        List<String> ruleSets = split(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        boolean trusted = args.length > 1 && args[1].equals("trusted");
        decide(ruleSets, trusted).forEach(System.out::println);
    }
}

package fi.lupaus.engine.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.DecisionRecord;

/** Issue #11: erased means gone from the store's files, not only from what the store answers. */
class ErasureOnDiskTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

    @TempDir
    Path dataDir;

    @Test
    void anErasedCustomersValuesAreInNoFileOfTheDataDirectoryOnceTheLogIsClosed() throws Exception {
        try (JdbcDecisionLog log = JdbcDecisionLog.openEmbedded(dataDir)) {
            for (int i = 0; i < 3; i++) {
                append(log, new Feedback("fb-erase-" + i, "C-ERASE-ME-7731", T, Touchpoint.STORE, Phase.CORE,
                        Survey.NPS, 2, "Myyjä Xyzzy-4411 oli tyly", true, "O-ERASE-98127", LoyaltyTier.GOLD));
            }
            append(log, new Feedback("fb-kept", "C-KEPT", T, Touchpoint.WEB, Phase.CORE, Survey.NPS, 9, "kept comment",
                    false, "O-KEPT", LoyaltyTier.NONE));

            assertThat(log.erase("C-ERASE-ME-7731")).isEqualTo(3);
        }

        assertThat(rawBytesOfEveryFile()).doesNotContain("C-ERASE-ME-7731").doesNotContain("Xyzzy-4411")
                .doesNotContain("O-ERASE-98127").doesNotContain("fb-erase-").contains("O-KEPT");
        assertThat(dataDir.resolve("compaction-pending")).doesNotExist();
    }

    private static void append(JdbcDecisionLog log, Feedback feedback) {
        Instant at = T.plusSeconds(1);
        log.append(List.of(new DecisionRecord(log.newDecisionId(at), feedback,
                new Decision("v1", at, List.of("Thank"), List.of(Action.thank()))))).toCompletableFuture().join();
    }

    private String rawBytesOfEveryFile() throws Exception {
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return String.join("\n", contents);
    }
}

package fi.lupaus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgsTest {

    private static final Set<String> KNOWN = Set.of("count", "duration", "url");

    @Test
    void readsSpacedAndEqualsFormsWithFallbacksForTheRest() {
        Args args = Args.parse(new String[] {"--count", "200_000", "--url=http://h:1"}, KNOWN);

        assertThat(args.longValue("count", 1)).isEqualTo(200_000);
        assertThat(args.string("url", null)).isEqualTo("http://h:1");
        assertThat(args.duration("duration", Duration.ZERO)).isZero();
        assertThat(args.help()).isFalse();
    }

    @Test
    void readsDurationsInShortAndIsoForms() {
        assertThat(Args.parse(new String[] {"--duration", "30s"}, KNOWN).duration("duration", null))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(Args.parse(new String[] {"--duration", "250ms"}, KNOWN).duration("duration", null))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(Args.parse(new String[] {"--duration", "2m"}, KNOWN).duration("duration", null))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(Args.parse(new String[] {"--duration", "PT1H"}, KNOWN).duration("duration", null))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesUnknownOptionsMissingValuesAndBadNumbers() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--conections", "8"}, KNOWN))
                .hasMessageContaining("unknown option --conections");
        assertThatThrownBy(() -> Args.parse(new String[] {"--count"}, KNOWN))
                .hasMessageContaining("--count needs a value");
        assertThatThrownBy(() -> Args.parse(new String[] {"--count", "many"}, KNOWN).longValue("count", 1))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> Args.parse(new String[] {"--duration", "soon"}, KNOWN).duration("duration", null))
                .hasMessageContaining("duration");
    }

    @Test
    void helpNeedsNoValue() {
        assertThat(Args.parse(new String[] {"--help"}, KNOWN).help()).isTrue();
    }
}

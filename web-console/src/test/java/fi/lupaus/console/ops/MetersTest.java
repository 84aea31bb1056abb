package fi.lupaus.console.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The HTTP series are labelled with the route a request was for, as Vert.x's chains of matched routes were seen to be. */
class MetersTest {

    @Test
    void aRouteIsItsMountAndItsOwnRouteWithoutTheHandlersInFrontOfEveryApiRoute() {
        assertThat(Meters.route("/api/>/api/>/api/>/api/>/api/feedback>/")).isEqualTo("/api/feedback");
        assertThat(Meters.route("/api/>/api/>/api/>/api/>/api/feedback>/batch")).isEqualTo("/api/feedback/batch");
        assertThat(Meters.route("/api/health>/")).isEqualTo("/api/health");
    }

    @Test
    void aFailureIsLabelledWithTheRouteItHappenedOnNotTheMountItWasHandledThroughAgain() {
        assertThat(Meters.route("/api/>/api/>/api/>/api/>/api/feedback>/>/api/feedback")).isEqualTo("/api/feedback");
        assertThat(Meters.route("/api/>/api/>/api/>/api/>/api/cases>/:caseId/resolve>/api/cases"))
                .isEqualTo("/api/cases/:caseId/resolve");
        assertThat(Meters.route("/api/>/api/>/api/>/api/>/api/decisions>/:decisionId>/api/decisions"))
                .isEqualTo("/api/decisions/:decisionId");
        assertThat(Meters.route("/api/>/api/>/api/feedback")).isEqualTo("/api/feedback");
    }

    @Test
    void anApiPathNoRouteHasIsUnmatchedAndTheConsolesFilesAreTheRoot() {
        assertThat(Meters.route("/api/>/api/>/api/>/api/>/api/")).isEqualTo("unmatched");
        assertThat(Meters.route("")).isEqualTo("unmatched");
        assertThat(Meters.route("/")).isEqualTo("/");
    }
}

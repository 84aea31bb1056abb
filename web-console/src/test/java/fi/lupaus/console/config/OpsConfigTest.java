package fi.lupaus.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class OpsConfigTest {

    @Test
    void withoutSettingsThereIsNoMetricsEndpointAndLogsAreText() {
        OpsConfig ops = OpsConfig.from(new JsonObject().put("LUPAUS_LOG_FORMAT", "text"));

        assertThat(ops.metricsPort()).isNull();
        assertThat(ops.logFormat()).isEqualTo("text");
    }

    @Test
    void aMetricsPortAndJsonLogsAreTaken() {
        OpsConfig ops = OpsConfig.from(new JsonObject().put("LUPAUS_METRICS_PORT", "9464").put("LUPAUS_LOG_FORMAT", "json"));

        assertThat(ops.metricsPort()).isEqualTo(9464);
        assertThat(ops.logFormat()).isEqualTo("json");
    }

    @Test
    void anUnknownLogFormatOrABadPortIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> OpsConfig.from(new JsonObject().put("LUPAUS_LOG_FORMAT", "xml")))
                .hasMessage("LUPAUS_LOG_FORMAT must be text or json, not 'xml'");
        assertThatThrownBy(() -> OpsConfig.from(new JsonObject().put("LUPAUS_METRICS_PORT", "nine")))
                .hasMessage("LUPAUS_METRICS_PORT must be a whole number, not 'nine'");
        assertThatThrownBy(() -> OpsConfig.from(new JsonObject().put("LUPAUS_METRICS_PORT", "70000")))
                .hasMessage("LUPAUS_METRICS_PORT must be from 0 to 65535, not 70000");
    }
}

package fi.lupaus.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The README's order: the defaults file, then environment variables, then -D system properties,
 * each overriding the one before. Run in a process of its own, since a test cannot set its own
 * environment.
 */
class ConfigOrderTest {

    @Test
    void anEnvironmentVariableOverridesTheDefaultsFileAndASystemPropertyOverridesBoth() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DLUPAUS_MAX_BATCH_SIZE=88", "-cp", System.getProperty("java.class.path"),
                ConfigProbe.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("LUPAUS_"));
        builder.environment().put("LUPAUS_MAX_BATCH_SIZE", "77");
        builder.environment().put("LUPAUS_RATE_LIMIT", "55");
        builder.redirectErrorStream(true);

        Process probe = builder.start();
        String printed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(printed).isZero();
        // batch: file 1000, environment 77, -D 88; rate: file 20000, environment 55; body: the file's 2 MiB.
        assertThat(printed).contains("batch=88 rate=55 body=2097152");
    }
}
